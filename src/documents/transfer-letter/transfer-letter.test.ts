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
import { CALENDAR_2026 } from '../../domain/calendar/test-support/calendars';
import { presentByFrom } from '../../domain/procedures/transfer-deadlines';
import { buildTransferLetter, type TransferLetterInput } from './transfer-letter';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const input: TransferLetterInput = {
  variant: 'official',
  place: 'Hà Nội',
  date: new Date('2026-03-02T09:00:00Z'),
  member: {
    fullName: 'Nguyễn Văn Đức',
    birthDate: '1985-03-02',
    cardNo: '93.0000001',
    profileNo: null,
    joinedOn: '2010-05-19',
    officialOn: '2011-05-19',
  },
  from: { name: 'Chi bộ Tổ dân phố số 1', superiorName: 'Đảng bộ Phường Việt Hưng' },
  to: { name: 'Chi bộ Tổ dân phố số 9' },
  reason: 'Chuyển nơi cư trú về phường Phúc Lợi',
  temporary: null,
  presentBy: '2026-04-13',
  calendar: CALENDAR_2026,
  route: [
    { orgId: uuid(3), name: 'Chi bộ Tổ dân phố số 1' },
    { orgId: uuid(2), name: 'Đảng bộ Phường Việt Hưng' },
    { orgId: uuid(1), name: 'Đảng bộ Thành phố Hà Nội' },
    { orgId: uuid(6), name: 'Đảng bộ Phường Phúc Lợi' },
    { orgId: uuid(7), name: 'Chi bộ Tổ dân phố số 9' },
  ],
};

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'letter-'));
  pki = createTestPki(join(dir, 'pki'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('transfer introduction letter', () => {
  it('writes the Vietnamese text and one box per org of the route', async () => {
    const { pdf, boxes } = await buildTransferLetter(input);
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().normalize('NFC');
    for (const expected of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG',
      'Nguyễn Văn Đức',
      '13/04/2026',
      'Đảng bộ Phường Phúc Lợi',
    ])
      expect(text).toContain(expected);
    expect(boxes.map((b) => b.orgId)).toEqual(input.route.map((r) => r.orgId));
    // No two boxes on one page overlap.
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b && a.page === b.page) {
          const apart =
            a.rect[0] + a.rect[2] <= b.rect[0] ||
            b.rect[0] + b.rect[2] <= a.rect[0] ||
            a.rect[1] + a.rect[3] <= b.rect[1] ||
            b.rect[1] + b.rect[3] <= a.rect[1];
          expect(apart).toBe(true);
        }
  });

  it('fills in the presentation deadline it computes when the dossier has none yet', async () => {
    const { pdf } = await buildTransferLetter({ ...input, presentBy: null });
    const file = join(dir, 'letter-deadline.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'])
      .toString()
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    // Monday 2 March 2026 + 30 working days (six full weeks, no holiday): Monday 13 April 2026.
    expect(presentByFrom('2026-03-02', CALENDAR_2026)).toBe('2026-04-13');
    expect(text).toContain('trước ngày 13/04/2026 (trong vòng 30 ngày làm việc)');
    expect(text).not.toContain('trước ngày ……');

    // 03:00 on 2 March in Vietnam is still 1 March in UTC: counted from the letter's own day.
    const early = await buildTransferLetter({
      ...input,
      presentBy: null,
      date: new Date('2026-03-01T20:00:00Z'),
    });
    writeFileSync(file, early.pdf);
    const earlyText = execFileSync('pdftotext', [file, '-'])
      .toString()
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    expect(earlyText).toContain('ngày 02 tháng 03 năm 2026');
    expect(earlyText).toContain('trước ngày 13/04/2026');
  });

  it('takes one incremental signature per box, all valid together', async () => {
    const { pdf, boxes } = await buildTransferLetter({
      ...input,
      variant: 'temporary',
      temporary: { startOn: '2026-03-10', endOn: '2026-12-31' },
    });
    const key = createPrivateKey(pki.signerEc.keyPem);
    const signer: CmsSigner = {
      certificate: pki.signerEc.certDer,
      keyType: 'ec',
      sign: async (d) => sign('sha256', d, key),
    };
    let letter = pdf;
    for (const box of boxes.slice(0, 2)) {
      const before = letter;
      letter = await signPdf(
        letter,
        signer,
        { signerName: 'Ngô Văn Minh', page: box.page, rect: box.rect },
        { chain: [pki.intermediate.certDer] },
      );
      expect(letter.subarray(0, before.length).equals(before)).toBe(true);
    }
    const report = verifyPdf(letter, { trustAnchors: loadCertificates(pki.root.certPem) });
    expect(report.signatures).toHaveLength(2);
    expect(report.ok).toBe(true);
  });
});
