import type { OrgTreeBuilder, PlannedOrg } from './org-builder';
import { committeeContacts, slugOf } from './contacts';
import { HANOI } from './places';
import type { Rng } from './prng';
import { agencyUnit, buildSectorCommittee, buildUnit } from './sector-layout';

/** The committees directly under the Central Committee besides the provinces (nation tier). */
const CENTRAL_COMMITTEES: ReadonlyArray<{ name: string; mailbox: string; bodies: string[] }> = [
  {
    name: 'Đảng bộ Chính phủ',
    mailbox: 'danguy.chinhphu',
    bodies: [
      'Bộ Tài chính',
      'Bộ Y tế',
      'Bộ Giáo dục và Đào tạo',
      'Bộ Xây dựng',
      'Bộ Công Thương',
      'Bộ Nông nghiệp và Môi trường',
      'Bộ Nội vụ',
      'Bộ Tư pháp',
      'Bộ Khoa học và Công nghệ',
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Bộ Ngoại giao',
      'Bộ Dân tộc và Tôn giáo',
      'Ngân hàng Nhà nước',
      'Thanh tra Chính phủ',
      'Văn phòng Chính phủ',
      'Đài Truyền hình Việt Nam',
      'Thông tấn xã Việt Nam',
    ],
  },
  {
    name: 'Đảng bộ Quốc hội',
    mailbox: 'danguy.quochoi',
    bodies: ['Văn phòng Quốc hội', 'Kiểm toán Nhà nước', 'Hội đồng Dân tộc'],
  },
  {
    name: 'Đảng bộ Các cơ quan Đảng Trung ương',
    mailbox: 'danguy.caccoquandangtw',
    bodies: [
      'Văn phòng Trung ương Đảng',
      'Ban Tổ chức Trung ương',
      'Ban Tuyên giáo và Dân vận Trung ương',
      'Ủy ban Kiểm tra Trung ương',
      'Ban Nội chính Trung ương',
      'Báo Nhân Dân',
      'Học viện Chính trị quốc gia Hồ Chí Minh',
    ],
  },
  {
    name: 'Đảng bộ Mặt trận Tổ quốc, các đoàn thể Trung ương',
    mailbox: 'danguy.mttqtw',
    bodies: [
      'Cơ quan Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
      'Tổng Liên đoàn Lao động Việt Nam',
      'Trung ương Đoàn TNCS Hồ Chí Minh',
      'Trung ương Hội Liên hiệp Phụ nữ Việt Nam',
      'Trung ương Hội Nông dân Việt Nam',
    ],
  },
];

const UNIT_KINDS = ['Cục', 'Vụ', 'Viện', 'Trung tâm', 'Học viện', 'Tạp chí'];
const UNIT_TOPICS = [
  'Kế hoạch - Tài chính',
  'Tổ chức cán bộ',
  'Pháp chế',
  'Hợp tác quốc tế',
  'Khoa học',
  'Thông tin',
  'Quản lý chất lượng',
  'Chính sách',
  'Đào tạo',
  'Thống kê',
  'Thi đua - Khen thưởng',
  'Kiểm tra',
  'Công nghệ thông tin',
  'Lưu trữ',
];

function unitName(rng: Rng, n: number): string {
  return `Đảng bộ ${rng.pick(UNIT_KINDS)} ${rng.pick(UNIT_TOPICS)} ${n}`;
}

/** Each body (a ministry, an agency) is a superior committee over its departments. */
export function buildCentralCommittees(b: OrgTreeBuilder, scale: number): PlannedOrg[] {
  const rng = b.random;
  return CENTRAL_COMMITTEES.map((spec) => {
    const root = b.add(null, HANOI, {
      name: spec.name,
      type: 'province_committee',
      kind: 'agency',
      wardName: null,
      ...committeeContacts(rng, HANOI, spec.mailbox, null),
    });
    const office = b.add(root, HANOI, {
      name: 'Chi bộ Văn phòng Đảng ủy',
      type: 'grassroots_cell',
      kind: 'office',
      members: [12, 20],
    });
    b.staff(root, office);
    for (const body of spec.bodies) {
      const committee = buildSectorCommittee(
        b,
        HANOI,
        root,
        `Đảng bộ ${body}`,
        `danguy.${slugOf(body)}`,
      );
      const units = Math.max(2, Math.round(rng.int(10, 30) * scale));
      for (let u = 1; u <= units; u++) {
        buildUnit(b, HANOI, committee, {
          ...agencyUnit(unitName(rng, u)),
          cells: [3, 12],
          subCommittees: {
            count: [0, 2],
            name: (s) => `Đảng bộ bộ phận Phòng ${s}`,
            cellName: (c) => `Chi bộ Tổ công tác ${c}`,
            subtype: 'agency_cell',
            cells: [2, 4],
          },
        });
      }
    }
    return root;
  });
}
