import { describe, expect, it } from 'vitest';
import { rawLine, syncLine } from './sync-bench';
import { figureLine, ms } from './stats';

describe('figure lines', () => {
  it('print the name, then key=value fields in the order given', () => {
    expect(figureLine('sign.batch', { n: 200, ms_per_doc: ms(3.214), goal_overhead_ms: 15 })).toBe(
      'bench sign.batch n=200 ms_per_doc=3.21 goal_overhead_ms=15',
    );
  });

  it('keep the sync format: rates, ratio to raw inserts, the cipher cost last', () => {
    const figure = (ms: number) => ({ rows: 1000, ms, pages: 1 });
    const raw = figure(50);
    expect(syncLine('sync.ward', figure(100), raw, figure(80))).toBe(
      'bench sync.ward rows=1000 ms=100 rows_per_s=10000 ratio_vs_raw=2.00 cipher_ratio=1.25',
    );
    expect(rawLine('sync.ward.raw', raw)).toBe(
      'bench sync.ward.raw rows=1000 ms=50.0 rows_per_s=20000',
    );
  });
});
