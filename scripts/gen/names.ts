import { WeightedTable, type Rng } from './prng';

export type Sex = 'male' | 'female';

/** "Văn:38 Minh:9" → [['Văn', 38], ['Minh', 9]]: keeps long tables readable after formatting. */
function weighted(spec: string): Array<[string, number]> {
  return spec
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [name = '', weight = ''] = entry.split(':');
      return [name, Number(weight)];
    });
}

const words = (spec: string): string[] => spec.trim().split(/\s+/);

/**
 * Family names with their share of the population in percent (the well-known survey figures:
 * Hoàng/Huỳnh and Vũ/Võ are one name in two regional spellings); the rest is spread over the
 * less common names.
 */
export const FAMILY_NAME_SHARES: ReadonlyArray<[string, number]> = weighted(`
  Nguyễn:38 Trần:11 Lê:9.5 Phạm:7 Hoàng:3.4 Huỳnh:1.6 Phan:4.5 Vũ:2.4 Võ:1.5 Đặng:2.1 Bùi:2
  Đỗ:1.4 Hồ:1.3 Ngô:1.3 Dương:1 Lý:0.5
`);

const LESS_COMMON_FAMILY_NAMES = words(`
  Đinh Trịnh Đào Mai Cao Lương Lâm Tạ Hà Chu Kiều Đoàn Tô Vương Nghiêm Phùng Lưu Tăng Quách Thái
  Trương Triệu Khúc La Lại Mạc Hứa Đàm Kim Ông Doãn Vi Nông Tống Lã Âu
`);

const listedShare = FAMILY_NAME_SHARES.reduce((sum, [, share]) => sum + share, 0);
const otherShare = (100 - listedShare) / LESS_COMMON_FAMILY_NAMES.length;

const FAMILY = new WeightedTable<string>([
  ...FAMILY_NAME_SHARES,
  ...LESS_COMMON_FAMILY_NAMES.map((name): [string, number] => [name, otherShare]),
]);

// Văn and Thị dominate the generations that make up most of the membership.
const MIDDLE: Record<Sex, WeightedTable<string>> = {
  male: new WeightedTable(
    weighted(`
      Văn:38 Minh:9 Đức:7 Quang:6 Hữu:5 Xuân:4 Công:4 Đình:4 Quốc:4 Thanh:3 Ngọc:2 Mạnh:2 Tiến:2
      Trọng:2 Thế:2 Duy:2 Anh:1 Hoàng:1 Bá:1 Việt:1 Trung:1 Khắc:1 Huy:1 Gia:1 Kim:0.5 Tuấn:0.5
    `),
  ),
  female: new WeightedTable(
    weighted(`
      Thị:55 Ngọc:7 Thu:6 Thanh:5 Hồng:4 Minh:3 Thúy:3 Kim:3 Phương:3 Bích:2 Mai:2 Hải:2 Khánh:2
      Diệu:1 Bảo:1 Thảo:1 Lan:1
    `),
  ),
};

const GIVEN: Record<Sex, readonly string[]> = {
  male: words(`
    Hùng Dũng Tuấn Minh Hải Hưng Thắng Long Nam Sơn Cường Đức Bình Trung Quang Thành Tùng Hiếu Huy
    Khánh Phong Toàn Tiến Thịnh Hoàng Quân Vinh Việt Anh Tâm Lâm Hậu Đạt Kiên Chiến Thọ Phúc Lộc
    Tài Nghĩa Hòa Thanh Tú Hiển Khoa Trường Lợi Bảo Duy Luân Hào Định Giang An Đông Đăng Công
    Chính Thuận Vũ Lực Mạnh Quý Sang Tấn Thái Thiện Trí Vượng Hiệp Kha
  `),
  female: words(`
    Hoa Lan Hương Hà Mai Linh Trang Thủy Hằng Nga Hạnh Huyền Thảo Phương Yến Loan Dung Nhung Hiền
    Liên Oanh Ngọc Vân Thu Hồng Anh Hòa Tâm Nhàn Quyên Thúy Chi Giang Ly My Ngân Nhi Trâm Uyên Vy
    Xuân Hậu Bình Duyên Diệp Nguyệt Tuyết Huệ Cúc Đào Hường Lệ Quỳnh Sen Tươi Thơm Lụa Hoài Thắm
  `),
};

/** A full name "Family Middle Given" whose middle name fits the sex. */
export function randomVietnameseName(rng: Rng, sex: Sex): string {
  const family = FAMILY.pick(rng);
  const middle = MIDDLE[sex].pick(rng);
  let given = rng.pick(GIVEN[sex]);
  // "Thu Thu", "Minh Minh": not names anyone is given.
  while (given === middle) given = rng.pick(GIVEN[sex]);
  return `${family} ${middle} ${given}`;
}
