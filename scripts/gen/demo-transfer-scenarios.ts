/**
 * The demo ward's transfer scenarios: who moves where, why, and what the orgs on the route did.
 * Data only; `demo-transfers.ts` plays them through the server's own apply path.
 */
import type { TransferVariant } from '../../src/domain/procedures/transfer-route';

/**
 * Cells and committees by the short keys the scenarios use: 'chibo7' (Chi bộ Tổ dân phố số 7),
 * 'thcs1'…'thcs3' (the cells of the secondary school's committee, by code), 'vp' (the province
 * office cell), 'phuong', 'truong' (the school committee), 'thanhpho' (the province committee).
 */
export type OrgKey = string;

export type Step = 'check' | 'forward' | { return: string } | { reject: string };

export interface Scenario {
  variant: TransferVariant;
  from: OrgKey;
  to: OrgKey;
  /** Working days before today the member submitted. */
  submittedDaysAgo: number;
  reason: string;
  newAddress: string | null;
  /** Temporary transfers: months of stay; study allows the longer stays. */
  stayMonths?: number;
  fullTimeStudy?: boolean;
  /** What the orgs on the route did, in order, each at the org where the dossier then was. */
  steps: Step[];
}

/** Check and forward at `hops` orgs in a row. */
const pass = (hops: number): Step[] =>
  Array.from({ length: hops }, () => ['check', 'forward'] as Step[]).flat();

const MISSING_PAPERS =
  'Hồ sơ thiếu bản sao Quyết định kết nạp đảng viên. Đề nghị đồng chí bổ sung rồi nộp lại.';
const WRONG_ADDRESS =
  'Địa chỉ nơi ở mới không khớp với xác nhận của Tổ dân phố. Đề nghị đồng chí kiểm tra, bổ sung giấy xác nhận cư trú.';
const NOT_ELIGIBLE =
  'Đồng chí không thay đổi nơi cư trú và nơi làm việc, không thuộc diện chuyển sinh hoạt đảng.';
const STAY_TOO_SHORT_IN_FACT =
  'Thời gian công tác thực tế dưới 3 tháng theo quyết định cử đi, không thuộc diện chuyển sinh hoạt tạm thời.';

const address = (n: number, street: string) =>
  `Số ${n}, ngõ ${n * 3 + 4} phố ${street}, phường Việt Hưng, thành phố Hà Nội`;

/**
 * Every state of the three variants: just submitted, checked, at the handover (the ward), on
 * the receiving side, returned, rejected, completed, and one overdue (handed over more than 30
 * working days ago and not yet received).
 */
export const SCENARIOS: readonly Scenario[] = [
  // Official, between residential cells: cell → ward (hands over) → cell.
  {
    variant: 'official',
    from: 'chibo1',
    to: 'chibo5',
    submittedDaysAgo: 1,
    steps: [],
    reason: 'Chuyển nơi cư trú đến Tổ dân phố số 5',
    newAddress: address(12, 'Ngô Gia Khảm'),
  },
  {
    variant: 'official',
    from: 'chibo2',
    to: 'chibo6',
    submittedDaysAgo: 2,
    steps: ['check'],
    reason: 'Chuyển nơi cư trú về ở cùng gia đình con trai',
    newAddress: address(7, 'Việt Hưng'),
  },
  {
    variant: 'official',
    from: 'chibo3',
    to: 'chibo1',
    submittedDaysAgo: 3,
    steps: pass(1),
    reason: 'Chuyển nơi cư trú đến Tổ dân phố số 1',
    newAddress: address(21, 'Hoa Lâm'),
  },
  {
    variant: 'official',
    from: 'chibo4',
    to: 'chibo2',
    submittedDaysAgo: 4,
    steps: [...pass(1), 'check'],
    reason: 'Mua nhà và chuyển đến ở tại Tổ dân phố số 2',
    newAddress: address(5, 'Đoàn Khuê'),
  },
  {
    variant: 'official',
    from: 'chibo5',
    to: 'chibo1',
    submittedDaysAgo: 6,
    steps: pass(2),
    reason: 'Chuyển nơi cư trú theo gia đình',
    newAddress: address(30, 'Ngô Gia Khảm'),
  },
  {
    variant: 'official',
    from: 'chibo6',
    to: 'chibo3',
    submittedDaysAgo: 7,
    steps: [...pass(1), { return: MISSING_PAPERS }],
    reason: 'Chuyển nơi cư trú đến Tổ dân phố số 3',
    newAddress: address(9, 'Hoa Lâm'),
  },
  {
    variant: 'official',
    from: 'chibo7',
    to: 'chibo4',
    submittedDaysAgo: 8,
    steps: [{ reject: NOT_ELIGIBLE }],
    reason: 'Muốn sinh hoạt cùng chi bộ với người thân',
    newAddress: null,
  },
  {
    variant: 'official',
    from: 'chibo8',
    to: 'chibo1',
    submittedDaysAgo: 12,
    steps: pass(3),
    reason: 'Chuyển nơi cư trú đến Tổ dân phố số 1',
    newAddress: address(16, 'Việt Hưng'),
  },
  {
    variant: 'official',
    from: 'chibo9',
    to: 'chibo2',
    submittedDaysAgo: 50,
    steps: pass(2),
    reason: 'Chuyển nơi cư trú đến Tổ dân phố số 2',
    newAddress: address(3, 'Đoàn Khuê'),
  },
  // From the province office cell into the ward: the ward is on the receiving side.
  {
    variant: 'official',
    from: 'vp',
    to: 'chibo3',
    submittedDaysAgo: 5,
    steps: pass(2),
    reason: 'Nghỉ hưu, chuyển về sinh hoạt tại nơi cư trú',
    newAddress: address(44, 'Hoa Lâm'),
  },
  // Within the school committee ("nội bộ"): cell → cell.
  {
    variant: 'internal',
    from: 'thcs1',
    to: 'thcs2',
    submittedDaysAgo: 1,
    steps: [],
    reason: 'Phân công lại tổ chuyên môn từ năm học mới',
    newAddress: null,
  },
  {
    variant: 'internal',
    from: 'thcs2',
    to: 'thcs3',
    submittedDaysAgo: 2,
    steps: ['check'],
    reason: 'Chuyển sang công tác tại Tổ Văn phòng',
    newAddress: null,
  },
  {
    variant: 'internal',
    from: 'thcs1',
    to: 'thcs3',
    submittedDaysAgo: 3,
    steps: pass(1),
    reason: 'Điều động sang bộ phận văn phòng nhà trường',
    newAddress: null,
  },
  {
    variant: 'internal',
    from: 'thcs3',
    to: 'thcs1',
    submittedDaysAgo: 5,
    steps: [{ return: 'Đề nghị đồng chí ghi rõ quyết định phân công của Hiệu trưởng trong đơn.' }],
    reason: 'Chuyển sang Tổ Khoa học Tự nhiên',
    newAddress: null,
  },
  {
    variant: 'internal',
    from: 'thcs2',
    to: 'thcs1',
    submittedDaysAgo: 6,
    steps: ['check', { reject: 'Chưa có quyết định phân công công tác mới của nhà trường.' }],
    reason: 'Nguyện vọng cá nhân',
    newAddress: null,
  },
  {
    variant: 'internal',
    from: 'thcs3',
    to: 'thcs2',
    submittedDaysAgo: 9,
    steps: pass(2),
    reason: 'Phân công giảng dạy tại Tổ Khoa học Xã hội',
    newAddress: null,
  },
  // Temporary: a stay of some months elsewhere, the member stays registered at home.
  {
    variant: 'temporary',
    from: 'chibo10',
    to: 'chibo11',
    submittedDaysAgo: 1,
    steps: [],
    stayMonths: 6,
    reason: 'Đến ở tạm thời để chăm sóc bố mẹ già',
    newAddress: address(11, 'Việt Hưng'),
  },
  {
    variant: 'temporary',
    from: 'chibo11',
    to: 'chibo12',
    submittedDaysAgo: 2,
    steps: ['check'],
    stayMonths: 4,
    reason: 'Sửa chữa nhà, ở nhờ nhà người thân',
    newAddress: address(8, 'Ngô Gia Khảm'),
  },
  {
    variant: 'temporary',
    from: 'chibo12',
    to: 'thcs1',
    submittedDaysAgo: 3,
    steps: pass(1),
    stayMonths: 9,
    reason: 'Được cử đến hỗ trợ giảng dạy tại Trường THCS Việt Hưng',
    newAddress: null,
  },
  {
    variant: 'temporary',
    from: 'chibo10',
    to: 'thcs2',
    submittedDaysAgo: 5,
    steps: pass(2),
    stayMonths: 18,
    fullTimeStudy: true,
    reason: 'Đi học tập trung lớp bồi dưỡng nghiệp vụ sư phạm',
    newAddress: null,
  },
  {
    variant: 'temporary',
    from: 'chibo11',
    to: 'chibo10',
    submittedDaysAgo: 6,
    steps: [...pass(1), { return: WRONG_ADDRESS }],
    stayMonths: 5,
    reason: 'Thuê nhà ở tạm thời tại Tổ dân phố số 10',
    newAddress: address(27, 'Đoàn Khuê'),
  },
  {
    variant: 'temporary',
    from: 'chibo12',
    to: 'chibo10',
    submittedDaysAgo: 7,
    steps: [{ reject: STAY_TOO_SHORT_IN_FACT }],
    stayMonths: 3,
    reason: 'Được cử đi công tác tại địa phương khác',
    newAddress: null,
  },
  {
    variant: 'temporary',
    from: 'chibo13',
    to: 'chibo14',
    submittedDaysAgo: 10,
    steps: pass(3),
    stayMonths: 7,
    reason: 'Ở tạm thời tại nhà con gái trong thời gian điều trị bệnh',
    newAddress: address(19, 'Hoa Lâm'),
  },
];
