import { describe, expect, it } from 'vitest';
import { createSseParser } from './contract-event-stream';

describe('event-stream parser', () => {
  it('yields each complete event, whatever the chunking', () => {
    const stream =
      ': connected\n\ndata: {"a":1}\n\n: ping\n\ndata: {"b":"Nguyễn"}\n\ndata: x\ndata: y\n\n';
    for (const size of [1, 3, 7, stream.length]) {
      const got: string[] = [];
      const feed = createSseParser((d) => got.push(d));
      for (let i = 0; i < stream.length; i += size) feed(stream.slice(i, i + size));
      expect(got, `chunks of ${size}`).toEqual(['{"a":1}', '{"b":"Nguyễn"}', 'x\ny']);
    }
  });

  it('keeps an unfinished event until its blank line arrives, and accepts CRLF', () => {
    const got: string[] = [];
    const feed = createSseParser((d) => got.push(d));
    feed('data: {"half":');
    expect(got).toEqual([]);
    feed('true}\r\n\r\n');
    expect(got).toEqual(['{"half":true}']);
  });
});
