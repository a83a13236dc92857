import { describe, expect, it } from 'vitest';
import type { ResidenceCandidate } from '../../../../src/desktop/contract-residence';
import { exemptionOptions, isLeftOut, listItemsOf, type RowEdit } from './list-items';

const TODAY = '2026-12-07';
const cell = { id: 'o1', name: 'Chi bộ Phòng Tổ chức cán bộ' };
const home = { id: 'r1', name: 'Chi bộ Tổ dân phố số 5' };

const candidate = (memberId: string, over: Partial<ResidenceCandidate> = {}) => ({
  memberId,
  fullName: `Đảng viên ${memberId}`,
  birthDate: null,
  org: cell,
  residenceOrg: home,
  alreadyListed: false,
  ...over,
});

describe('the items of a new list', () => {
  const candidates = [candidate('m1'), candidate('m2', { residenceOrg: null }), candidate('m3')];

  it('takes the chosen members only, with the report asked by default', () => {
    expect(listItemsOf(candidates, new Set(['m1']), new Map(), TODAY)).toEqual([
      { memberId: 'm1', residenceOrgId: 'r1', reportRequired: true, exemption: null },
    ]);
  });

  it('keeps staff’s corrections: residence cell, report tick, exemption', () => {
    const edits = new Map<string, RowEdit>([
      ['m1', { reportRequired: false, exemption: 'student_away' }],
      ['m2', { residenceOrg: { id: 'r2', name: 'Chi bộ Tổ dân phố số 7' } }],
      ['m3', { residenceOrg: null }],
    ]);
    expect(listItemsOf(candidates, new Set(['m1', 'm2', 'm3']), edits, TODAY)).toEqual([
      { memberId: 'm1', residenceOrgId: 'r1', reportRequired: false, exemption: 'student_away' },
      { memberId: 'm2', residenceOrgId: 'r2', reportRequired: true, exemption: null },
      // Cleared by staff: the server refuses the list until it is set again.
      { memberId: 'm3', residenceOrgId: null, reportRequired: true, exemption: null },
    ]);
  });

  it('leaves out a member who is never introduced (Hướng dẫn 33)', () => {
    const edits = new Map<string, RowEdit>([['m1', { exemption: 'secret_mission' }]]);
    expect(
      listItemsOf(candidates, new Set(['m1', 'm3']), edits, TODAY).map((i) => i.memberId),
    ).toEqual(['m3']);
    expect(isLeftOut('secret_mission', TODAY)).toBe(true);
    expect(isLeftOut('armed_forces_barracks', TODAY)).toBe(false);
    expect(isLeftOut(null, TODAY)).toBe(false);
  });

  it('offers the exemptions in force, saying which leave the member out', () => {
    const options = exemptionOptions(TODAY);
    expect(options.map((o) => o.value)).toEqual([
      'armed_forces_barracks',
      'mobile_worker',
      'student_away',
      'secret_mission',
    ]);
    expect(options.find((o) => o.value === 'secret_mission')?.label).toMatch(
      /\(không đưa vào danh sách\)$/,
    );
    // Before Hướng dẫn 33 took effect, none.
    expect(exemptionOptions('2023-06-01')).toEqual([]);
  });
});
