import { describe, expect, it } from 'vitest';
import { base64Of, dateVi, invalidInput } from './statement-format';

describe('statement helpers', () => {
  it('write a booking date dd/MM/yyyy', () => {
    expect(dateVi('2026-03-05')).toBe('05/03/2026');
  });

  it('encode a file larger than one chunk as base64', async () => {
    const bytes = new Uint8Array(0x8000 * 2 + 3).map((_b, i) => i % 251);
    const encoded = await base64Of(new Blob([bytes]));
    // Decoded with the browser's atob: the renderer's tests see DOM types, not Node's Buffer.
    const decoded = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
  });

  it('make a local refusal in the desktop error shape', () => {
    expect(invalidInput('x', 'Chọn')).toEqual({
      code: 'invalid_input',
      message: 'x',
      messageVi: 'Chọn',
    });
  });
});
