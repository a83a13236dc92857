import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { deflatedZeros, zipOf } from '../src/documents/ledger/test-support/zip';
import { ids } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const MB = 1024 * 1024;

describe.each(serverEngines)('statement import limits on %s', (engine) => {
  let t: TestServer;
  let token = '';
  beforeAll(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
    token = await t.tokenFor('qt.viethung');
  });
  afterAll(() => t?.close());

  const importFile = (bytes: Buffer, fileName: string) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/fees/orgs/${ids.ward}/statements`,
      headers: { authorization: `Bearer ${token}` },
      payload: { fileName, dataBase64: bytes.toString('base64') },
    });

  it('refuses a zip bomb named .xlsx with a Vietnamese problem, importing nothing', async () => {
    const bomb = zipOf([
      { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(300), declaredSize: 2000 },
    ]);
    const res = await importFile(bomb, 'sao-ke-thang-1.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: false,
      imported: 0,
      problems: [
        {
          lineNo: 1,
          messageVi: 'Tệp Excel giải nén ra quá lớn (tối đa 60 MB) nên không được nhập.',
        },
      ],
    });
    const lines = await t.server.db
      .selectFrom('fee_statement_lines')
      .select('bank_reference')
      .execute();
    expect(lines).toHaveLength(0);
  });

  it('refuses a CSV too large for a request before reading it', async () => {
    const res = await importFile(Buffer.alloc(2 * MB, 'a'), 'sao-ke.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ messageVi: 'Dữ liệu gửi lên quá lớn.' });
  });
});
