import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { findForm, findRequest, residenceTrail } from '../../server/repositories/residence';
import { campaignsOf } from '../../server/repositories/residence-campaigns';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { residenceFormInvariantViolations } from '../../src/domain/procedures/residence-form';
import { runDemoMember } from '../demo-member';
import { generatedServerDb } from '../test-support/sync-server';
import { DEMO_PASSWORD } from './demo-accounts';
import {
  DEMO_RESIDENCE_CAMPAIGN,
  seedDemoResidence,
  type DemoResidenceSummary,
} from './demo-residence';
import { demoTransferOrgs, seedDemoTransfers } from './demo-transfers';

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

// SQLite only: the apply path it plays through is tested on both engines in server/residence.test.ts.
describe('demo residence campaign on the generated ward (sqlite)', () => {
  let server: ServerDb;
  let drop: () => void;
  let summary: DemoResidenceSummary;
  let seedMs: number;
  const dir = mkdtempSync(join(tmpdir(), 'demo-residence-'));

  beforeAll(async () => {
    const passwordHash = await hashPassword(DEMO_PASSWORD, CHEAP_SCRYPT);
    const copy = await generatedServerDb('ward', 1);
    drop = () => copy.drop();
    server = await openServerDb(copy.config);
    await seedDemoTransfers(server.db, { passwordHash });
    const started = performance.now();
    summary = (await seedDemoResidence(server.db))!;
    seedMs = performance.now() - started;
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the 2026 campaign in every state of lists and forms, one paper form, quickly', async () => {
    expect(summary.lists.map((l) => l.status).sort()).toEqual(['approved', 'draft', 'sent']);
    expect(summary.forms.map((f) => f.status).sort()).toEqual(
      [
        'approved',
        'approved',
        'awaiting_comment',
        'awaiting_comment',
        'draft',
        'returned',
        'sent',
        'submitted',
      ].sort(),
    );
    expect(summary.forms.filter((f) => f.paper)).toEqual([
      expect.objectContaining({ status: 'sent' }),
    ]);
    expect(summary.forms.filter((f) => f.report)).toHaveLength(1);
    const ward = (await demoTransferOrgs(server.db)).get('phuong')!;
    expect(await campaignsOf(server.db, ward.id, 2026)).toEqual([
      expect.objectContaining(DEMO_RESIDENCE_CAMPAIGN),
    ]);
    expect(seedMs).toBeLessThan(5_000);
  });

  it('made only lists and forms the machines could reach, with their trails in time order', async () => {
    for (const l of summary.lists) {
      expect((await findRequest(server.db, l.id))?.value.status).toBe(l.status);
      const trail = await residenceTrail(server.db, l.id);
      expect(trail[0]?.type).toBe('create');
      const times = trail.map((e) => e.at);
      expect(times).toEqual([...times].sort());
      expect(Date.parse(times.at(-1)!)).toBeLessThan(Date.now());
    }
    for (const f of summary.forms) {
      const form = (await findForm(server.db, f.id))!.value;
      expect(residenceFormInvariantViolations(form), f.id).toEqual([]);
      if (f.status === 'returned') expect(form.reason).toMatch(/\S/);
    }
  });

  it('names accounts on each side, and a listed member reports through demo:member', async () => {
    expect(summary.accounts).toMatchObject({
      workplaceDeputy: 'phobithu.2256240',
      workplaceSecretary: 'bithu.2256240',
      otherWorkplaceSecretary: 'bithu.2256243',
      wardSecretary: 'bithu.phuong',
      wardProcessor: 'canbo.xuly',
    });
    expect(summary.accounts.residenceSecretaries.length).toBeGreaterThan(0);
    // The README's demo table names them: generated usernames follow the generator's codes.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const { residenceSecretaries: _, members, ...single } = summary.accounts;
    for (const username of [...Object.values(single), ...members.slice(0, 1)])
      expect(readme, username).toContain(`\`${username}\``);
    for (const plan of [0, 2, 6])
      expect(readme).toContain(`\`${summary.forms[plan]!.residenceSecretary}\``);
    const member = summary.accounts.members[0]!;
    expect(member).toMatch(/^dangvien\d\.thcs1$/);

    const app = await buildServer({ db: server, logger: false });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const login = ['--server', url, '--username', member, '--password', DEMO_PASSWORD];
      const forms = (await runDemoMember(['residence-forms', ...login])) as {
        id: string;
        status: string;
        report: unknown;
        dueOn: string | null;
      }[];
      const open = forms.find((f) => f.status === 'awaiting_comment' && f.report === null)!;
      expect(open).toMatchObject({ dueOn: DEMO_RESIDENCE_CAMPAIGN.dueOn });
      const doc = await PDFDocument.create();
      doc.addPage();
      const file = join(dir, 'bao-cao.pdf');
      writeFileSync(file, await doc.save({ useObjectStreams: false }));
      const summaryVi = 'Tham gia đầy đủ sinh hoạt tổ dân phố';
      expect(
        await runDemoMember([
          'residence-report',
          ...login,
          '--id',
          open.id,
          '--summary',
          summaryVi,
          '--attach',
          file,
        ]),
      ).toMatchObject({ id: open.id, report: { summary: summaryVi, file: 'bao-cao.pdf' } });
    } finally {
      await app.close();
    }
  });

  it('seeds once', async () => {
    expect(await seedDemoResidence(server.db)).toBeNull();
  });
});
