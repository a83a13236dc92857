import { LETTER_NUMBER_FIELD } from '../../../../src/domain/procedures/transfer-dossier';

/**
 * The free fields of the check form ("điền các thông tin cần thiết"), stored in the dossier's
 * checkedData under these keys. letterNumber is the number printed on the introduction letter.
 */
export const CHECK_FIELDS = [
  {
    key: LETTER_NUMBER_FIELD,
    label: 'Số giấy giới thiệu',
    placeholder: 'Ví dụ: 15-GGT/CB',
    rows: 0,
  },
  { key: 'note', label: 'Ghi chú', placeholder: 'Nhận xét khi kiểm tra hồ sơ', rows: 3 },
] as const;

export type CheckFieldKey = (typeof CHECK_FIELDS)[number]['key'];

/** The label of a checkedData key, or the key itself for fields this version does not know. */
export function checkFieldLabel(key: string): string {
  return CHECK_FIELDS.find((f) => f.key === key)?.label ?? key;
}
