/**
 * Places the generated orgs live in: the 34 provinces and cities since the 2025 merger, with the
 * codes that show up in identifiers (GSO code: first digits of CITAD codes and, prefixed with 0,
 * of citizen ids), and name material for wards, villages and streets.
 */

export interface Province {
  /** "Hà Nội" */
  name: string;
  /** Centrally-run city (Thành phố, Thành ủy) or province (Tỉnh, Tỉnh ủy). */
  city: boolean;
  /** Two-digit GSO code, e.g. "01" for Hà Nội. */
  code: string;
  /** Landline area code, e.g. "024". */
  areaCode: string;
  /** Relative size: number of wards/communes compared with an average province. */
  weight: number;
  /** Ascii slug for web addresses, e.g. "hanoi". */
  slug: string;
}

const P = (
  name: string,
  city: boolean,
  code: string,
  areaCode: string,
  weight: number,
  slug: string,
): Province => ({ name, city, code, areaCode, weight, slug });

export const PROVINCES: readonly Province[] = [
  P('Hà Nội', true, '01', '024', 1.9, 'hanoi'),
  P('Hồ Chí Minh', true, '79', '028', 2.4, 'hochiminhcity'),
  P('Hải Phòng', true, '31', '0225', 1.3, 'haiphong'),
  P('Đà Nẵng', true, '48', '0236', 0.9, 'danang'),
  P('Huế', true, '46', '0234', 0.6, 'hue'),
  P('Cần Thơ', true, '92', '0292', 0.8, 'cantho'),
  P('Cao Bằng', false, '04', '0206', 0.5, 'caobang'),
  P('Tuyên Quang', false, '08', '0207', 1.0, 'tuyenquang'),
  P('Lào Cai', false, '10', '0214', 0.9, 'laocai'),
  P('Điện Biên', false, '11', '0215', 0.4, 'dienbien'),
  P('Lai Châu', false, '12', '0213', 0.3, 'laichau'),
  P('Sơn La', false, '14', '0212', 0.6, 'sonla'),
  P('Thái Nguyên', false, '19', '0208', 0.9, 'thainguyen'),
  P('Lạng Sơn', false, '20', '0205', 0.5, 'langson'),
  P('Quảng Ninh', false, '22', '0203', 0.5, 'quangninh'),
  P('Bắc Ninh', false, '24', '0222', 1.0, 'bacninh'),
  P('Phú Thọ', false, '25', '0210', 1.4, 'phutho'),
  P('Hưng Yên', false, '33', '0221', 1.0, 'hungyen'),
  P('Ninh Bình', false, '37', '0229', 1.2, 'ninhbinh'),
  P('Thanh Hóa', false, '38', '0237', 1.4, 'thanhhoa'),
  P('Nghệ An', false, '40', '0238', 1.2, 'nghean'),
  P('Hà Tĩnh', false, '42', '0239', 0.6, 'hatinh'),
  P('Quảng Trị', false, '45', '0233', 0.8, 'quangtri'),
  P('Quảng Ngãi', false, '51', '0255', 0.9, 'quangngai'),
  P('Gia Lai', false, '52', '0269', 1.0, 'gialai'),
  P('Khánh Hòa', false, '56', '0258', 0.5, 'khanhhoa'),
  P('Đắk Lắk', false, '66', '0262', 0.9, 'daklak'),
  P('Lâm Đồng', false, '68', '0263', 1.1, 'lamdong'),
  P('Tây Ninh', false, '72', '0276', 0.8, 'tayninh'),
  P('Đồng Nai', false, '75', '0251', 0.9, 'dongnai'),
  P('Vĩnh Long', false, '86', '0270', 0.9, 'vinhlong'),
  P('Đồng Tháp', false, '87', '0277', 0.8, 'dongthap'),
  P('An Giang', false, '89', '0296', 0.9, 'angiang'),
  P('Cà Mau', false, '96', '0290', 0.5, 'camau'),
];

export const HANOI = PROVINCES[0] as Province;

/** "Thành phố Hà Nội", "Tỉnh Nghệ An" */
export const provinceFullName = (p: Province) => `${p.city ? 'Thành phố' : 'Tỉnh'} ${p.name}`;
/** "Thành ủy", "Tỉnh ủy" */
export const provinceCommitteeWord = (p: Province) => (p.city ? 'Thành ủy' : 'Tỉnh ủy');

/**
 * Province-of-birth codes of citizen ids: the 63 provinces before the 2025 merger, where everyone
 * alive today was registered at birth.
 */
export const BIRTH_PROVINCE_CODES: readonly string[] = `
  01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48
  49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96
`
  .trim()
  .split(/\s+/);

/** Syllables that ward, commune and village names are made of ("Việt Hưng", "Phú Thượng"). */
export const PLACE_SYLLABLES: readonly string[] = `
  An Bình Hòa Phú Tân Thạnh Long Hưng Thịnh Phúc Đông Tây Nam Bắc Trung Minh Quang Thái Thanh Vĩnh
  Mỹ Hiệp Thuận Lộc Đức Xuân Hải Sơn Lâm Cát Hồng Kim Ngọc Phong Yên Lạc Thượng Hạ Khánh Tiến
  Định Hoàng Mai Liên Vạn Đại Hà Thủy Lương Quảng Nghĩa Tường Hội Thành Việt Cầu Giang Lĩnh Châu
  Tiên Phương Đồng Trà Cẩm Kỳ Hoa Thọ Ninh Hương
`
  .trim()
  .split(/\s+/);

/** Streets for address details. */
export const STREETS: readonly string[] = [
  'Nguyễn Văn Linh',
  'Ngô Gia Tự',
  'Trần Phú',
  'Lê Lợi',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Trần Hưng Đạo',
  'Lê Duẩn',
  'Võ Nguyên Giáp',
  'Hoàng Quốc Việt',
  'Nguyễn Du',
  'Điện Biên Phủ',
  'Hùng Vương',
  'Vạn Hạnh',
  'Đoàn Khuê',
  'Phúc Lợi',
  'Nguyễn Cao Luyện',
];
