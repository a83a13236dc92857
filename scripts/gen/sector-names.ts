/**
 * Names the province sectors are drawn from: departments, hospital wards, school groups,
 * company trades, and the provinces with a border-guard command. Data only; sector-layout.ts
 * builds the tree.
 */
export const OFFICE_DEPARTMENTS = [
  'Chi bộ Phòng Tổng hợp',
  'Chi bộ Phòng Tổ chức cán bộ',
  'Chi bộ Phòng Kế hoạch - Tài chính',
  'Chi bộ Phòng Pháp chế',
  'Chi bộ Phòng Hành chính - Quản trị',
  'Chi bộ Phòng Quản lý chất lượng',
  'Chi bộ Phòng Công nghệ thông tin',
  'Chi bộ Thanh tra',
  'Chi bộ Phòng Chuyển đổi số - Cơ yếu',
  'Chi bộ Phòng Tài chính Đảng',
  'Chi bộ Phòng Truyền thông',
  'Chi bộ Phòng Hợp tác quốc tế',
];
export const PARTY_AGENCIES = [
  'Ban Tổ chức',
  'Ban Tuyên giáo và Dân vận',
  'Ban Nội chính',
  'Ủy ban Kiểm tra',
  'Ban Chính sách, chiến lược',
];
export const DEPARTMENTS = [
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Xây dựng',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa và Thể thao',
  'Sở Dân tộc và Tôn giáo',
  'Sở Ngoại vụ',
  'Văn phòng Ủy ban nhân dân',
  'Ban Quản lý các khu công nghiệp',
];
export const WARDS_OF_HOSPITAL = [
  'Chi bộ Khoa Nội',
  'Chi bộ Khoa Ngoại',
  'Chi bộ Khoa Nhi',
  'Chi bộ Khoa Sản',
  'Chi bộ Khoa Cấp cứu',
  'Chi bộ Khoa Xét nghiệm',
  'Chi bộ Khoa Dược',
  'Chi bộ Khoa Chẩn đoán hình ảnh',
  'Chi bộ Khoa Hồi sức tích cực',
  'Chi bộ Phòng Điều dưỡng',
  'Chi bộ Khoa Truyền nhiễm',
  'Chi bộ Khoa Y học cổ truyền',
];
export const SPECIALTIES = [
  'Nhi',
  'Phụ sản',
  'Ung bướu',
  'Tâm thần',
  'Y học cổ truyền',
  'Phổi',
  'Mắt',
];
export const SCHOOL_GROUPS = [
  'Chi bộ Tổ Toán - Tin',
  'Chi bộ Tổ Ngữ văn',
  'Chi bộ Tổ Ngoại ngữ',
  'Chi bộ Tổ Vật lý - Công nghệ',
  'Chi bộ Tổ Hóa - Sinh',
  'Chi bộ Tổ Sử - Địa - GDCD',
  'Chi bộ Tổ Thể dục - Quốc phòng',
];
export const COMPANY_TRADES = [
  'Môi trường Đô thị',
  'Cấp nước',
  'Xe khách',
  'Điện lực',
  'Xây dựng',
  'Thương mại',
  'Vận tải',
  'Cơ khí',
  'Dược phẩm',
  'Lương thực',
  'Công trình giao thông',
];
export const COMPANY_CELLS = [
  'Chi bộ Phòng Kỹ thuật',
  'Chi bộ Phòng Kinh doanh',
  'Chi bộ Phòng Tài chính - Kế toán',
  'Chi bộ Phòng Vật tư',
  'Chi bộ Phòng An toàn',
];
/** Provinces on a land border or the sea, with a border-guard command. */
export const BORDER = new Set(
  `
  04 10 11 12 14 20 22 38 40 42 45 52 66 72 89 87 96 56 31 48 51 46 79
`
    .trim()
    .split(/\s+/),
);
