import type {
  ResidenceCandidate,
  residenceCalls,
} from '../../../../src/desktop/contract-residence';
import {
  exemptionOn,
  RESIDENCE_EXEMPTIONS,
  type ResidenceExemptionCode,
} from '../../../../src/domain/procedures/residence-rules';
import type { z } from 'zod';

type ListItem = z.infer<typeof residenceCalls.createResidenceList.input>['items'][number];

/** What staff changed on a candidate's row: his residence cell, the report tick, the exemption. */
export interface RowEdit {
  residenceOrg?: { id: string; name: string } | null;
  reportRequired?: boolean;
  exemption?: ResidenceExemptionCode | null;
}

/** The Hướng dẫn 33 cases in force on `today`, as the exemption select offers them. */
export function exemptionOptions(today: string) {
  return RESIDENCE_EXEMPTIONS.filter((r) => exemptionOn(r.code, today) !== null).map((r) => ({
    value: r.code,
    label: r.effect === 'not_introduced' ? `${r.labelVi} (không đưa vào danh sách)` : r.labelVi,
  }));
}

/** A member under a "not introduced" exemption is left out of the list altogether. */
export const isLeftOut = (exemption: ResidenceExemptionCode | null | undefined, today: string) =>
  !!exemption && exemptionOn(exemption, today)?.effect === 'not_introduced';

/**
 * The list's items: the chosen candidates, with staff's corrections, less those never
 * introduced. The report is asked by default ("yêu cầu báo cáo" ticked).
 */
export function listItemsOf(
  candidates: readonly ResidenceCandidate[],
  chosen: ReadonlySet<string>,
  edits: ReadonlyMap<string, RowEdit>,
  today: string,
): ListItem[] {
  return candidates
    .filter((c) => chosen.has(c.memberId))
    .map((c) => {
      const edit = edits.get(c.memberId) ?? {};
      const residenceOrg = edit.residenceOrg === undefined ? c.residenceOrg : edit.residenceOrg;
      return {
        memberId: c.memberId,
        residenceOrgId: residenceOrg?.id ?? null,
        reportRequired: edit.reportRequired ?? true,
        exemption: edit.exemption ?? null,
      };
    })
    .filter((item) => !isLeftOut(item.exemption, today));
}
