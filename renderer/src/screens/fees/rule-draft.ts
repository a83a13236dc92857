import type { FeeRules, FeeRuleVersion } from '../../../../src/desktop/contract';
import {
  appendRuleVersion,
  FeeCategory,
  feeCategoryLabelVi,
  ShareLevel,
  type CategoryRule,
  type ShareRule,
} from '../../../../src/domain/fees/rules';
import { SHARE_LEVEL_VI } from './rule-format';

/** The correction form's copy of a version; months as 'YYYY-MM' (`to` null: still in force). */
export interface Draft {
  corrects: string;
  id: string;
  source: string;
  from: string;
  to: string | null;
  categories: Record<FeeCategory, CategoryRule>;
  shares: Record<ShareLevel, ShareRule>;
  voluntaryExtra: boolean;
}

/** The fields of the form a refusal can point at; the rest is shown above the form. */
export type DraftField = 'corrects' | 'id' | 'source' | 'from' | 'to';

export type DraftCheck = { version: FeeRuleVersion } | { errorVi: string; field?: DraftField };

/** A new version correcting `base`, under the first id `base.id-dcN` not yet taken. */
export function draftFrom(base: FeeRuleVersion, taken: readonly string[]): Draft {
  let n = 1;
  while (taken.includes(`${base.id}-dc${n}`)) n++;
  return {
    corrects: base.id,
    id: `${base.id}-dc${n}`,
    source: `Đính chính ${base.source}`,
    from: base.effectiveFrom,
    to: base.effectiveTo,
    categories: { ...base.categories },
    shares: { ...base.shares },
    voluntaryExtra: base.voluntaryExtra,
  };
}

/** The version the draft describes, or the first thing wrong with it in Vietnamese. */
export function versionOf(draft: Draft, rules: FeeRules): DraftCheck {
  const base = rules.items.find((i) => i.version.id === draft.corrects)?.version;
  if (!base) return { errorVi: 'Chọn phiên bản được đính chính.', field: 'corrects' };
  if (draft.to !== null && draft.to < draft.from)
    return { errorVi: 'Tháng hết hiệu lực phải sau tháng bắt đầu hiệu lực.', field: 'to' };
  if (draft.id.trim() === '') return { errorVi: 'Nhập mã phiên bản mới.', field: 'id' };
  if (draft.source.trim() === '') return { errorVi: 'Nhập văn bản căn cứ.', field: 'source' };
  for (const c of FeeCategory.options) {
    const rule = draft.categories[c];
    if (rule.kind === 'range' && rule.min > rule.max)
      return { errorVi: `${feeCategoryLabelVi[c]}: mức tối thiểu lớn hơn mức tối đa.` };
  }
  for (const l of ShareLevel.options) {
    const s = draft.shares[l];
    if (!(s.min <= s.default && s.default <= s.max))
      return {
        errorVi: `${SHARE_LEVEL_VI[l]}: tỷ lệ áp dụng phải nằm giữa tỷ lệ tối thiểu và tối đa.`,
      };
  }
  const version: FeeRuleVersion = {
    ...base,
    id: draft.id.trim(),
    seq: Math.max(0, ...rules.items.map((i) => i.version.seq)) + 1,
    source: draft.source.trim(),
    effectiveFrom: draft.from,
    effectiveTo: draft.to,
    corrects: base.id,
    categories: draft.categories,
    shares: draft.shares,
    voluntaryExtra: draft.voluntaryExtra,
  };
  // The same checks as the server (months, rates ≤ 10%, shares < 100%, overlap).
  const checked = appendRuleVersion(
    rules.items.map((i) => i.version),
    version,
  );
  return checked.ok ? { version } : { errorVi: `${checked.messageVi}.` };
}
