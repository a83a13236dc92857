import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemoMember } from '../demo-member';
import { buildServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import {
  findDossier,
  historyOf,
  temporaryMembershipsOf,
} from '../../server/repositories/transfers';
import { memberById } from '../../server/repositories/transfers-members';
import { openServerDb, type ServerDb, type ServerEngine } from '../../src/db/server-db';
import { dossierInvariantViolations } from '../../src/domain/procedures/transfer-machine';
import { freshServerDatabase, serverEngines } from '../test-support/databases';
import { generatedServerDb } from '../test-support/sync-server';
import { DEMO_MEMBER_SPARES, DEMO_PASSWORD } from './demo-accounts';
import { memberApplicationPdf } from './demo-application';
import { generate } from './generate';
import { seedDemoTransfers, type DemoTransfersSummary } from './demo-transfers';

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/** The generated ward on an engine: SQLite from the cached template, PostgreSQL generated now. */
async function generatedWard(engine: ServerEngine, passwordHash: string) {
  if (engine === 'sqlite') {
    const copy = await generatedServerDb('ward', 1);
    return { config: copy.config, drop: async () => copy.drop() };
  }
  const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
  const db = await openServerDb(fresh.config);
  await generate(db.db, { tier: 'ward', seed: 1, passwordHash });
  await db.close();
  return fresh;
}

describe.each(serverEngines)('demo transfers on the generated ward (%s)', (engine) => {
  let server: ServerDb;
  let drop: () => Promise<void>;
  let summary: DemoTransfersSummary;
  const dir = mkdtempSync(join(tmpdir(), 'demo-transfers-'));

  beforeAll(async () => {
    const passwordHash = await hashPassword(DEMO_PASSWORD, CHEAP_SCRYPT);
    const generated = await generatedWard(engine, passwordHash);
    drop = generated.drop;
    server = await openServerDb(generated.config);
    const seeded = await seedDemoTransfers(server.db, { engine, passwordHash });
    summary = seeded!;
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every state of every variant, one of them overdue', () => {
    const states = (variant: string) =>
      new Set(summary.dossiers.filter((d) => d.variant === variant).map((d) => d.status));
    for (const variant of ['official', 'internal', 'temporary'])
      expect([...states(variant)].sort(), variant).toEqual(
        ['checked', 'completed', 'pending_check', 'rejected', 'returned'].sort(),
      );
    const where = (variant: string) =>
      summary.dossiers.filter((d) => d.variant === variant).map((d) => d.currentOrgName);
    // At the handover (the ward), and on the receiving side (a cell or committee past it).
    expect(where('official')).toContain('Đảng bộ Phường Việt Hưng');
    expect(where('temporary')).toContain('Đảng bộ Phường Việt Hưng');
    expect(where('temporary')).toContain('Đảng bộ Trường THCS Việt Hưng');
    expect(summary.dossiers.filter((d) => d.overdue)).toHaveLength(1);
  });

  it('made only dossiers the machine could reach, with their whole trail', async () => {
    for (const d of summary.dossiers) {
      const stored = await findDossier(server.db, d.id);
      expect(stored, d.id).not.toBeNull();
      expect(dossierInvariantViolations(stored!.dossier), d.id).toEqual([]);
      const history = await historyOf(server.db, d.id);
      expect(history[0]?.type).toBe('submit');
      const times = history.map((e) => e.at);
      expect(times).toEqual([...times].sort());
      expect(Date.parse(times.at(-1)!)).toBeLessThan(Date.now());
      if (d.status === 'returned' || d.status === 'rejected')
        expect(stored!.dossier.reason).toMatch(/\S/);
      expect(stored!.dossier.attachments).toHaveLength(1);
    }
  });

  it('applied the completion effects: moved member, recorded temporary stay', async () => {
    const completed = summary.dossiers.filter((d) => d.status === 'completed');
    for (const d of completed) {
      const { dossier } = (await findDossier(server.db, d.id))!;
      const destination = dossier.route.orgIds.at(-1)!;
      const member = await memberById(server.db, dossier.memberId);
      if (d.variant === 'temporary') {
        expect(member?.homeOrgId).toBe(dossier.fromOrgId);
        expect(await temporaryMembershipsOf(server.db, dossier.memberId)).toEqual([
          {
            org_id: destination,
            dossier_id: d.id,
            start_on: dossier.form.temporary!.startOn,
            end_on: dossier.form.temporary!.endOn,
          },
        ]);
      } else {
        expect(member?.homeOrgId).toBe(destination);
      }
    }
  });

  it('gives the spare members accounts that submit through the API', async () => {
    const spares = summary.members.filter((m) => m.dossierId === null);
    expect(spares.map((m) => m.username)).toEqual(
      DEMO_MEMBER_SPARES.flatMap((s) =>
        Array.from({ length: s.count }, (_, i) => `dangvien${i + 1}.${s.cell}`),
      ),
    );
    for (const s of DEMO_MEMBER_SPARES)
      expect(spares.find((m) => m.username === `dangvien1.${s.cell}`)?.cellName).toBe(s.cellName);
    expect(new Set(summary.members.map((m) => m.memberId)).size).toBe(summary.members.length);

    const app = await buildServer({ db: server, logger: false });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const file = join(dir, 'Don.pdf');
      const from = spares[0]!;
      writeFileSync(
        file,
        await memberApplicationPdf({
          variant: 'official',
          fullName: from.fullName,
          birthDate: from.birthDate,
          fromCellName: from.cellName,
          toCellName: 'Chi bộ Tổ dân phố số 2',
          reason: 'Chuyển nơi cư trú',
          date: new Date(),
        }),
      );
      const to = summary.members.find((m) => m.username === 'dangvien1.chibo2')!.cellId;
      /** The demo-member command `command`, logged in as `username`. */
      const demoMember = (command: string, username: string, ...rest: string[]) => {
        const login = ['--server', url, '--username', username, '--password', DEMO_PASSWORD];
        return runDemoMember([command, ...login, ...rest]);
      };
      const destination = ['--to', to, '--attach', file];
      const submitted = await demoMember('submit-transfer', from.username, ...destination);
      expect(submitted).toMatchObject({ statusVi: 'Chờ kiểm tra', currentOrgId: from.cellId });
      const members = summary.members.filter((m) => m.dossierId !== null);
      const returned = summary.dossiers.find((d) => d.status === 'returned')!;
      const owner = members.find((m) => m.dossierId === returned.id)!;
      const status = await demoMember('status', owner.username, '--id', returned.id);
      expect(status).toMatchObject({ statusVi: 'Trả lại đảng viên' });
    } finally {
      await app.close();
    }
  });

  it('seeds once', async () => {
    expect(await seedDemoTransfers(server.db)).toBeNull();
  });
});
