import { describe, expect, it } from 'vitest';
import { Id } from '../../src/domain/common/schemas';
import { Rng, WeightedTable } from './prng';

describe('the seeded PRNG', () => {
  it('repeats its stream for a seed and label, and differs for another', () => {
    const draw = (seed: number, label: string) => {
      const rng = new Rng(seed, label);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('keeps integers within bounds and reaches both ends', () => {
    const rng = new Rng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('makes distinct UUID v4-shaped ids', () => {
    const rng = new Rng(1);
    const ids = Array.from({ length: 1000 }, () => rng.uuid());
    for (const id of ids) {
      expect(Id.safeParse(id).success).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('picks by weight', () => {
    const rng = new Rng(4);
    const table = new WeightedTable([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ]);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 8000; i++) counts[table.pick(rng) as keyof typeof counts]++;
    expect(counts.never).toBe(0);
    expect(counts.a / 8000).toBeGreaterThan(0.72);
    expect(counts.a / 8000).toBeLessThan(0.78);
  });
});
