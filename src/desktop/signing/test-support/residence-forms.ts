import { buildResidenceFormPdf } from '../../../documents/residence/residence-form-pdf';
import type { TokenBatchDocument } from '../token-batch';

// Comment forms as a ward signs them in one batch: one per member, names, birth dates and
// comments varied (short and long, with and without shortcomings) so the files differ in size.

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc'];
const GIVEN = ['Đức', 'Hoa', 'Bình', 'Lan', 'Hùng', 'Trang', 'Tuấn', 'Hạnh', 'Sơn', 'Yến', 'Phúc'];

const STRENGTH =
  'Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương.';
const DUTIES =
  'Tham gia đầy đủ các hoạt động của tổ dân phố; đóng góp các loại quỹ đầy đủ, đúng hạn.';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Form `i` (0-based): the same `i` gives the same bytes. */
export async function residenceFormDocument(i: number): Promise<TokenBatchDocument> {
  const fullName = `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`;
  const { pdf, box } = await buildResidenceFormPdf({
    place: 'Hà Nội',
    date: new Date('2026-11-20T03:00:00Z'),
    campaignYear: 2026,
    member: {
      id: uuid(1000 + i),
      fullName,
      birthDate: i % 9 === 0 ? null : `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
    },
    residence: { name: `Chi bộ Tổ dân phố số ${1 + (i % 12)}` },
    committee: { id: uuid(2), name: 'Đảng bộ Phường Việt Hưng' },
    workplace: { name: `Chi bộ Trường Trung học cơ sở số ${1 + (i % 5)}` },
    comment: {
      strengths: i % 4 === 0 ? `${STRENGTH} ${STRENGTH.repeat(1 + (i % 6))}` : STRENGTH,
      shortcomings: i % 3 === 0 ? 'Đôi lúc chưa tham dự đầy đủ các buổi sinh hoạt tổ dân phố.' : '',
      citizenDuties: DUTIES,
      proposals: i % 2 === 0 ? 'Đề nghị chi bộ nơi công tác tiếp tục phát huy.' : '',
    },
  });
  return { id: `form-${i + 1}`, pdf, page: box.page, rect: box.rect };
}

export async function residenceFormDocuments(n: number): Promise<TokenBatchDocument[]> {
  const out: TokenBatchDocument[] = [];
  for (let i = 0; i < n; i++) out.push(await residenceFormDocument(i));
  return out;
}
