import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import type { CmsSigner } from '../../signing/cms/signed-data';
import { signPdf } from '../../signing/pdf/sign-pdf';
import { loadCertificates } from '../../signing/verify/chain';
import { verifyPdf } from '../../signing/verify/verify-pdf';
import { buildResidenceFormPdf, type ResidenceFormPdfInput } from './residence-form-pdf';
import { buildResidenceListPdf, type ResidenceListPdfInput } from './residence-list-pdf';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const form: ResidenceFormPdfInput = {
  place: 'Hà Nội',
  date: new Date('2026-11-20T03:00:00Z'),
  campaignYear: 2026,
  member: { id: uuid(101), fullName: 'Nguyễn Văn Đức', birthDate: '1985-03-02' },
  residence: { name: 'Chi bộ Tổ dân phố số 2' },
  committee: { id: uuid(2), name: 'Đảng bộ Phường Việt Hưng' },
  workplace: { name: 'Chi bộ Trường Trung học cơ sở Việt Hưng' },
  comment: {
    strengths: 'Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước.',
    shortcomings: '',
    citizenDuties: 'Tham gia đầy đủ các hoạt động của tổ dân phố; đóng góp quỹ đầy đủ.',
    proposals: 'Đề nghị chi bộ nơi công tác tiếp tục phát huy.',
  },
};

const list: ResidenceListPdfInput = {
  place: 'Hà Nội',
  date: new Date('2026-10-02T03:00:00Z'),
  campaignYear: 2026,
  kind: 'introduce_and_comment',
  workplace: {
    id: uuid(3),
    name: 'Chi bộ Trường Trung học cơ sở Việt Hưng',
    superiorName: 'Đảng bộ Phường Việt Hưng',
  },
  items: [
    {
      fullName: 'Nguyễn Văn Đức',
      birthDate: '1985-03-02',
      residenceName: 'Chi bộ Tổ dân phố số 2',
      reportRequired: true,
      exemption: null,
    },
    {
      fullName: 'Trần Thị Hoa',
      birthDate: '1990-07-15',
      residenceName: 'Chi bộ Tổ dân phố số 3',
      reportRequired: false,
      exemption: 'student_away',
    },
  ],
};

let dir: string;
let pki: TestPki;
let signer: CmsSigner;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'residence-pdf-'));
  pki = createTestPki(join(dir, 'pki'));
  const key = createPrivateKey(pki.signerEc.keyPem);
  signer = {
    certificate: pki.signerEc.certDer,
    keyType: 'ec',
    sign: async (d) => sign('sha256', d, key),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const textOf = (pdf: Buffer, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString().normalize('NFC').replace(/\s+/g, ' ');
};

describe('the residence comment form', () => {
  it('writes the comment under the form’s four headings, with the committee’s confirmation', async () => {
    const { pdf, box } = await buildResidenceFormPdf(form);
    const text = textOf(pdf, 'form.pdf');
    for (const expected of [
      'ĐẢNG BỘ PHƯỜNG VIỆT HƯNG',
      'CHI BỘ TỔ DÂN PHỐ SỐ 2',
      'PHIẾU NHẬN XÉT ĐẢNG VIÊN',
      'Kính gửi: Chi bộ Trường Trung học cơ sở Việt Hưng',
      'Đồng chí: Nguyễn Văn Đức, sinh ngày 02/03/1985.',
      '1. Ưu điểm:',
      '2. Khuyết điểm, hạn chế: Không có.',
      '3. Thực hiện nghĩa vụ công dân nơi cư trú: Tham gia đầy đủ',
      '4. Đề xuất, kiến nghị:',
      'XÁC NHẬN CỦA ĐẢNG ỦY',
      'Hà Nội, ngày 20 tháng 11 năm 2026',
    ])
      expect(text).toContain(expected);
    expect(box.orgId).toBe(form.committee.id);
    // The same input gives the same bytes: the server can rebuild what the committee signed.
    expect((await buildResidenceFormPdf(form)).pdf.equals(pdf)).toBe(true);
  });

  it('takes the committee’s signature in its box, valid for us and for pdfsig', async () => {
    const { pdf, box } = await buildResidenceFormPdf(form);
    const signed = await signPdf(
      pdf,
      signer,
      { signerName: 'Phan Văn Thắng', page: box.page, rect: box.rect },
      { chain: [pki.intermediate.certDer] },
    );
    expect(signed.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const report = verifyPdf(signed, { trustAnchors: loadCertificates(pki.root.certPem) });
    expect(report.ok).toBe(true);
    const file = join(dir, 'form-signed.pdf');
    writeFileSync(file, signed);
    const poppler = execFileSync('pdfsig', [file]).toString();
    expect(poppler).toContain('Signature Validation: Signature is Valid.');
    expect(poppler).toContain('Signature Type: ETSI.CAdES.detached');
  });
});

describe('the workplace list', () => {
  it('has one row per member with what is asked, exemptions named', async () => {
    const { pdf, box } = await buildResidenceListPdf(list);
    const text = textOf(pdf, 'list.pdf');
    for (const expected of [
      'DANH SÁCH ĐẢNG VIÊN CẦN GIỚI THIỆU',
      'và xin nhận xét tại nơi cư trú năm 2026',
      'Nguyễn Văn Đức',
      'Giới thiệu và xin nhận xét; có báo cáo',
      'Giới thiệu (miễn nhận xét: học tập trung xa nơi cư trú)',
      'T/M CHI ỦY (ĐẢNG ỦY)',
    ])
      expect(text).toContain(expected);
    expect(box.orgId).toBe(list.workplace.id);
  });

  it('runs onto more pages for a large committee, the signature box after the last row', async () => {
    const many = {
      ...list,
      items: Array.from({ length: 62 }, (_, i) => ({
        ...list.items[0]!,
        fullName: `Đảng viên số ${i + 1}`,
      })),
    };
    const { pdf, box } = await buildResidenceListPdf(many);
    const text = textOf(pdf, 'list-62.pdf');
    expect(text).toContain('Đảng viên số 62');
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'list-62.pdf')]).toString())?.[1],
    );
    expect(pages).toBeGreaterThan(1);
    expect(box.page).toBe(pages);
  });
});
