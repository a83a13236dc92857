import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import type { DocumentFile } from '../src/api/fees';
import { ids } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const [m1, m2] = ids.members;

describe.each(serverEngines)("the cell's fee ledger as PDF on %s", (engine) => {
  let t: TestServer;
  const tokens: Record<string, string> = {};
  const call = async (method: 'PUT' | 'POST', url: string, body: object) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens['bithu.tdp1']}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
    t.clock.now = new Date('2026-04-20T09:00:00Z');
    for (const name of ['bithu.tdp1', 'qt.viethung', 'qt.phucloi'])
      tokens[name] = await t.tokenFor(name);
    const profile = { base: null, fixedAmount: null, voluntaryExtra: 0, exemption: null };
    await call('PUT', `/v1/fees/profiles/${m1}`, {
      ...profile,
      category: 'salaried',
      base: 8_500_000,
    });
    await call('PUT', `/v1/fees/profiles/${m2}`, {
      ...profile,
      category: 'pensioner',
      base: 6_000_000,
    });
    // m1 is approved for three months and m2 for two; nobody has paid yet.
    for (const [month, members] of [
      ['2026-02', [m1, m2]],
      ['2026-03', [m1, m2]],
      ['2026-04', [m1]],
    ] as const)
      await call('POST', `/v1/fees/cells/${ids.cell1}/approvals`, {
        month,
        items: members.map((memberId) => ({ memberId })),
        all: false,
      });
  });
  afterAll(() => t?.close());

  const ledgerPdf = (who: string, query = 'year=2026&upTo=4&format=pdf') =>
    t.get(`/v1/fees/cells/${ids.cell1}/ledger?${query}`, tokens[who]);

  it('answers the ledger with its PDF: members, the flag and the totals in the party format', async () => {
    const res = await ledgerPdf('qt.viethung');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ rows: { memberId: string; flagged: boolean }[]; file: DocumentFile }>();
    expect(body.rows.map((r) => [r.memberId, r.flagged])).toEqual([
      [m1, true],
      [m2, false],
    ]);
    expect(body.file).toMatchObject({
      fileName: 'so-dang-phi-2256102-2026.pdf',
      contentType: 'application/pdf',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-route-')), 'ledger.pdf');
    writeFileSync(file, Buffer.from(body.file.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    for (const expected of [
      'ĐẢNG BỘ PHƯỜNG VIỆT HƯNG',
      'CHI BỘ TỔ DÂN PHỐ SỐ 1',
      'SỔ THEO DÕI THU, NỘP ĐẢNG PHÍ',
      'Năm 2026 (từ tháng 01 đến tháng 04)',
      'Hà Nội, ngày 20 tháng 04 năm 2026',
      'Nguyễn Văn Đức',
      '(*) Chưa nộp 3 tháng',
      'trong năm: 1 (Nguyễn Văn Đức)',
    ])
      expect(text).toContain(expected);
    // 3 × 85.000 for m1 and 2 × 30.000 for m2, nothing paid.
    expect(text).toMatch(/Tổng cộng\s+Phải nộp\s+115\.000\s+115\.000\s+85\.000\s+315\.000/);
    expect(text).toMatch(/Còn nợ\s+115\.000\s+115\.000\s+85\.000\s+315\.000/);
    expect(text).not.toContain('Chưa nộp 2 tháng');
  });

  it('keeps JSON without a file and the ledger to the staff over the cell', async () => {
    const json = await ledgerPdf('qt.viethung', 'year=2026&upTo=4');
    expect(json.json<{ file: unknown }>().file).toBeNull();
    expect((await ledgerPdf('qt.phucloi')).statusCode).toBe(403);
    expect((await ledgerPdf('qt.viethung', 'year=2026&format=doc')).statusCode).toBe(400);
  });
});
