/**
 * Filing a transfer from the app against the real server (generated ward on SQLite): the member
 * files his own with a scan, the cell's secretary files one for another member of the cell, and
 * the pull after each brings the dossier, with its filer, into the filer's cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CELL_NAME, DEMO_PASSWORD } from '../../../scripts/gen/demo-accounts';
import { addMemberAccount } from '../../../scripts/test-support/member-account';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../scripts/test-support/sync-server';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { memorySessionStore } from '../../sync/session';
import { createDesktopService, type DesktopService } from '../desktop-service';
import { failure, value } from '../test-support/call-results';

let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
const dir = mkdtempSync(join(tmpdir(), 'transfer-filing-online-'));
const caches: ClientDb[] = [];
let pdfBase64: string;
const MEMBER_USERNAME = 'dangvien.nophoso';

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  // The generator makes staff accounts only.
  await addMemberAccount(serverDb.config, DEMO_CELL_NAME, MEMBER_USERNAME);
  server = await startLoopbackServer(serverDb.config);
  const doc = await PDFDocument.create();
  doc.addPage();
  pdfBase64 = Buffer.from(await doc.save()).toString('base64');
}, 120_000);
afterAll(async () => {
  for (const c of caches) await c.close();
  await server?.close();
  serverDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A machine of its own for each user, signed in online and synced. */
async function signIn(username: string): Promise<DesktopService> {
  const cache = await openClientDb(join(dir, `${username}.sqlite`));
  caches.push(cache);
  const api = createDesktopService({
    cache,
    serverUrl: server.url,
    sessionStore: memorySessionStore(),
  });
  value('login', await api.login({ username, password: DEMO_PASSWORD }));
  value('syncNow', await api.syncNow({}));
  return api;
}

const today = () => new Date().toISOString().slice(0, 10);
const formTo = (destinationOrgId: string) => ({
  destinationOrgId,
  reason: 'Chuyển nơi cư trú',
  movedOn: today(),
  newAddress: 'Số 5 ngõ 12 phố Việt Hưng',
  temporary: null,
});

describe('filing a transfer online', () => {
  it('the member files his own with a scan; the secretary files one for a cellmate', async () => {
    const member = await signIn(MEMBER_USERNAME);
    const { items: found } = value(
      'transferDestinations',
      await member.transferDestinations({ q: 'Tổ dân phố số 2' }),
    );
    const destination = found.find((o) => o.name === 'Chi bộ Tổ dân phố số 2');
    expect(destination?.parentName).toMatch(/\S/);

    const filed = value(
      'fileTransfer',
      await member.fileTransfer({
        variant: 'official',
        form: formTo(destination!.id),
        files: [
          { fileName: 'Đơn xin chuyển.pdf', contentType: 'application/pdf', dataBase64: pdfBase64 },
        ],
      }),
    );
    const mine = value('myTransfers', await member.myTransfers({})).items;
    const own = mine.find((d) => d.id === filed.dossierId);
    expect(own).toMatchObject({
      status: 'pending_check',
      filedByVi: null,
      destinationOrg: { id: destination!.id },
      attachments: [{ fileName: 'Đơn xin chuyển.pdf', cached: true }],
    });
    expect(own!.history.map((h) => h.label)).toEqual(['Nộp hồ sơ']);

    const secretary = await signIn('bithu.chibo1');
    const cellId = own!.route[0]!.orgId;
    const cellmates = value(
      'orgMembers',
      await secretary.orgMembers({ orgId: cellId, limit: 50 }),
    ).items;
    // The member's own dossier reached his cell's secretary too.
    const ownSeen = value(
      'dossierDetail',
      await secretary.dossierDetail({ dossierId: filed.dossierId }),
    );
    const other = cellmates.find((m) => m.id !== ownSeen.shown.memberId)!;
    const forOther = value(
      'fileTransfer',
      await secretary.fileTransfer({
        variant: 'official',
        form: formTo(destination!.id),
        forMemberId: other.id,
      }),
    );
    const detail = value(
      'dossierDetail',
      await secretary.dossierDetail({ dossierId: forOther.dossierId }),
    );
    expect(detail.shown).toMatchObject({
      memberId: other.id,
      filedBy: { fullName: 'Phạm Văn Bình', onBehalf: true },
    });
    expect(detail.history[0]).toMatchObject({ label: 'Nộp hồ sơ', actorName: 'Phạm Văn Bình' });

    // The member files for nobody but himself: another member is not his to name.
    const refused = failure(
      await member.fileTransfer({
        variant: 'official',
        form: formTo(destination!.id),
        forMemberId: other.id,
      }),
    );
    expect(refused).toMatchObject({ code: 'not_found' });
  }, 60_000);
});
