import type { Selectable } from 'kysely';
import type { FeeProfilesTable } from '../../src/db/server-schema-fees';
import { Rng, WeightedTable } from './prng';
import { REFERENCE_DATE, REFERENCE_TIME, type MemberRow } from './rows';

export type FeeProfileRow = Selectable<FeeProfilesTable>;

/** Who wrote the generated profiles (not a user: the generator). */
export const GENERATOR_ACTOR = 'generator';

type Working = 'salaried' | 'other' | 'abroad_allowance' | 'abroad_fixed';
// Working-age members: most pay social insurance (civil servants, employees); the rest are
// farmers and self-employed on a chosen fixed amount; a few live abroad.
const WORKING = new WeightedTable<Working>([
  ['salaried', 70],
  ['other', 27],
  ['abroad_allowance', 2],
  ['abroad_fixed', 1],
]);

const round = (n: number, step: number) => Math.round(n / step) * step;

/**
 * One fee profile per member (categories of DOMAIN.md), deterministic by seed: pupils and
 * students under 23, pensioners from 60 (most), salaried with an insured salary from the 2024
 * regional minimum upwards, fixed amounts within the rule's range, a few exemptions and
 * voluntary extras, some members without a profile yet (the sheet says so).
 */
export function feeProfilesFor(seed: number, members: readonly MemberRow[]): FeeProfileRow[] {
  const rng = new Rng(seed, 'gen/fee-profiles');
  const year = Number(REFERENCE_DATE.slice(0, 4));
  const rows: FeeProfileRow[] = [];
  for (const m of members) {
    if (m.status !== 'active' || rng.chance(0.02)) continue;
    const age = year - Number(m.birth_date.slice(0, 4));
    const category =
      age < 23 ? 'student' : age >= 60 && rng.chance(0.9) ? 'pensioner' : WORKING.pick(rng);
    const base =
      category === 'salaried'
        ? round(rng.int(4_960_000, 25_000_000), 1_000)
        : category === 'pensioner'
          ? round(rng.int(3_000_000, 12_000_000), 1_000)
          : category === 'abroad_allowance'
            ? round(rng.int(10_000_000, 60_000_000), 10_000)
            : null;
    const fixedAmount =
      category === 'other'
        ? rng.int(4, 20) * 5_000
        : category === 'abroad_fixed'
          ? rng.int(6, 80) * 5_000
          : null;
    rows.push({
      member_id: m.id,
      category,
      base,
      fixed_amount: fixedAmount,
      voluntary_extra: rng.chance(0.05) ? rng.int(1, 10) * 10_000 : 0,
      exemption: rng.chance(0.01) ? 'hardship' : null,
      updated_by: GENERATOR_ACTOR,
      updated_at: REFERENCE_TIME,
    });
  }
  return rows;
}
