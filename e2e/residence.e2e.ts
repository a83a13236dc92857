import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResidencePage, type CommentInput } from './pages/residence-page';
import { syncWhileServerDown } from './pages/transfer-steps';
import { ARTIFACTS_DIR, screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import {
  memberForms,
  openResidenceWorld,
  reportAsMember,
  signedOnServer,
  type ResidenceWorld,
} from './support/residence-fixtures';
import { apiAs, pdfsigReport } from './support/transfer-fixtures';

// Residence comments end to end (Quy định 213, issue 12): the school cell's secretary makes a list
// of three members and signs and sends it; a member reports through the API; the residence cell's
// secretary writes the three forms; the ward's secretary approves them all, then signs them as one
// batch with one PIN on a SoftHSM2 token while the central server is down, and sends them when it
// is back; the school cell receives them, opens one with its signature and downloads one.

let world: ResidenceWorld;
let apps: OfficerApps<Officer>;

interface Officer extends OfficerApp {
  residence: ResidencePage;
}

beforeAll(async () => {
  world = await openResidenceWorld();
  apps = new OfficerApps(
    { url: world.server.url, appEnv: (username) => world.appEnv(username) },
    (o, page) => ({ ...o, residence: new ResidencePage(page) }),
  );
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-residence'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

const launch = (username: string) => apps.launch(username);
const officer = (username: string) => apps.officer(username);

/**
 * Syncs (push, then pull) and waits until the indicator shows nothing waiting: a step queued on
 * screen may have been sent already, so `outbox-empty` may have come before this sync.
 */
async function sendAndWaitEmpty(o: Officer): Promise<void> {
  await o.shell.syncNow();
  await o.shell.waitForOutboxEmpty();
}

const token = (username: string) => {
  const t = world.tokens.get(username);
  if (!t) throw new Error(`no token for ${username}`);
  return { certificate: t.signerName, pin: t.pin };
};

const names = () => world.members.map((m) => m.fullName);

const comment = (name: string): CommentInput => ({
  strengths: `Đồng chí ${name} gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định nơi cư trú.`,
  shortcomings: '',
  citizenDuties:
    'Tham gia đầy đủ các hoạt động của tổ dân phố; đóng góp các quỹ đầy đủ, đúng hạn; gia đình đạt danh hiệu gia đình văn hóa.',
  proposals: 'Đề nghị chi bộ nơi công tác tiếp tục phát huy.',
});

/** Every signature valid and trusted in poppler's pdfsig, the last covering the whole file. */
async function expectPdfsigValid(file: string, signatures: number) {
  const sigs = await pdfsigReport(world, file);
  expect(sigs).toHaveLength(signatures);
  for (const s of sigs) {
    expect(s.validation, s.fieldName).toBe('Signature is Valid.');
    expect(s.certificate, s.fieldName).toBe('Certificate is Trusted.');
  }
  expect(sigs.at(-1)?.totalDocument).toBe(true);
}

describe('residence comments: list, report, forms, batch signing offline, receipt', () => {
  it('the school cell makes a list of three members, signs it and sends it', async () => {
    void launch(world.residenceSecretary);
    const w = await officer(world.workplaceSecretary);
    await w.residence.open('Lập danh sách');
    await w.residence.chooseWorkplace(world.orgs.get('thcs1')!.name);
    const [first, ...others] = names();
    // The member with an account reports; the other two are asked for the comment only.
    await w.residence.chooseMembers(names(), others);
    await screenshot(w.session.page, 'residence-new-list');
    await w.residence.submitNewList();
    expect(await w.residence.listActions()).toEqual(
      expect.arrayContaining(['Phê duyệt', 'Ký số phê duyệt', 'Trả lại']),
    );
    await w.residence.signListStep('Ký số phê duyệt', token(world.workplaceSecretary), 'approved');
    await w.residence.confirmListStep('Gửi tổ chức Đảng nơi cư trú', 'sent');
    await screenshot(w.session.page, 'residence-list-sent');
    await sendAndWaitEmpty(w);

    const { listPdf } = await signedOnServer(world);
    expect(listPdf).toMatch(/^[0-9a-f]{64}$/);
    const api = await apiAs(world, world.workplaceSecretary);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = join(ARTIFACTS_DIR, 'residence-list.pdf');
    writeFileSync(file, await api.blob(listPdf!));
    await expectPdfsigValid(file, 1);
    expect(first).toBeDefined();
  });

  it('the member sends his report through the API', async () => {
    const [form] = await memberForms(world);
    expect(form).toMatchObject({ status: 'awaiting_comment', reportRequired: true });
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Bao cao ket qua thuc hien nhiem vu noi cu tru', { x: 50, y: 780 });
    const file = join(world.dir, 'bao-cao-noi-cu-tru.pdf');
    writeFileSync(file, await doc.save());
    const after = await reportAsMember(world, form!.id, file);
    expect(after.report?.file).toBe('bao-cao-noi-cu-tru.pdf');
  });

  it('the residence cell secretary writes the three forms and submits them', async () => {
    void launch(world.wardSecretary);
    const r = await officer(world.residenceSecretary);
    await r.residence.open('Lập phiếu nhận xét');
    await r.residence.waitForForms(names());
    await screenshot(r.session.page, 'residence-write-list');
    await r.residence.writeAndSubmit(new Map(names().map((n) => [n, comment(n)])));
    await sendAndWaitEmpty(r);
    await r.residence.waitForForms([]);
  });

  it('the ward secretary approves all, signs the batch with one PIN offline, sends online', async () => {
    const p = await officer(world.wardSecretary);
    await p.residence.open('Duyệt phiếu nhận xét');
    await p.residence.waitForForms(names());
    // The ward sets this year's window first: the forms it sends carry the due date.
    const year = new Date().getFullYear();
    const line = await p.residence.setCampaign(`01/10/${year}`, `31/12/${year}`);
    expect(line).toContain(`từ 01/10/${year}, hạn gửi phiếu 31/12/${year}`);
    await screenshot(p.session.page, 'residence-approve');
    await p.residence.approveAll();
    await p.residence.waitForForms([]);
    await sendAndWaitEmpty(p);

    // The central server goes down: signing needs only the token and the cache.
    await world.server.stop();
    await syncWhileServerDown(p.shell);
    await p.residence.open('Gửi phiếu nhận xét');
    await p.residence.waitForForms(names());
    await screenshot(p.session.page, 'residence-sign');
    const result = await p.residence.signAndSend(names(), token(world.wardSecretary));
    expect(result).toMatchObject({ signed: 3, unsigned: 0 });
    expect(result.summary).toContain('Đã ký và xếp gửi 3 phiếu');
    await screenshot(p.session.page, 'residence-sign-result');
    expect(await p.shell.outboxCounts()).toEqual({ waiting: 3, refused: 0 });

    await world.server.start();
    await sendAndWaitEmpty(p);
    const { formPdfs } = await signedOnServer(world);
    expect(formPdfs.size).toBe(3);
  });

  it('the school cell receives the forms, opens one with its signature and downloads one', async () => {
    const w = await officer(world.workplaceSecretary);
    await w.shell.syncNow();
    await w.residence.open('Nhận phiếu nhận xét');
    await w.residence.waitForForms(names());
    await screenshot(w.session.page, 'residence-receive');
    const [first] = names();
    const opened = await w.residence.openReceivedForm(first!);
    expect(opened.pages).toBeGreaterThanOrEqual(1);
    expect(opened.signatures).toEqual([
      { signer: world.tokens.get(world.wardSecretary)!.signerName, verdict: 'valid' },
    ]);
    await screenshot(w.session.page, 'residence-form-viewer');
    await w.residence.back();

    const download = await w.residence.downloadForms([first!]);
    const zip = join(world.dir, 'phieu-nhan-xet.zip');
    await download.saveAs(zip);
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' });
    expect(listing).toMatch(/\.pdf/);
    const summary = await w.residence.receiptRows();
    // The school cell: three asked, three back, nobody missing (names shortened as in lists).
    const cellName = world.orgs.get('thcs1')!.name.replace(/^Chi bộ /, '');
    expect(summary).toContainEqual(
      expect.stringMatching(new RegExp(`^${cellName} 3 3 Đã nhận đủ`)),
    );
    await screenshot(w.session.page, 'residence-receipts');

    const { formPdfs } = await signedOnServer(world);
    const api = await apiAs(world, world.workplaceSecretary);
    const file = join(ARTIFACTS_DIR, 'residence-form.pdf');
    writeFileSync(file, await api.blob(formPdfs.get(world.members[0]!.id)!));
    await expectPdfsigValid(file, 1);
  });
});
