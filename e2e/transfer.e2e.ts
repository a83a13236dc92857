import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { runDemoMember } from '../scripts/demo-member';
import { MembersPage } from './pages/members-page';
import { OutboxPage } from './pages/outbox-page';
import { memberHomeOrg, syncWhileServerDown } from './pages/transfer-steps';
import { TransfersPage } from './pages/transfers-page';
import { nextAppEvent } from './support/app-events';
import { ARTIFACTS_DIR, screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import {
  apiAs,
  openTransferWorld,
  pdfsigReport,
  submitAsMember,
  type TransferWorld,
} from './support/transfer-fixtures';

// The transfer procedures end to end (issue 5): members submit through the API, officers act in the
// app (browser host + Chromium) against a central server on loopback, sign with their own SoftHSM2
// token, and the server applies what the apps push. The route in the demo ward between two
// residential cells is the shortest real one: sending cell → ward (hands over) → receiving cell.

const SENDING = 'bithu.chibo1';
const WARD = 'bithu.phuong';
const RECEIVING = 'bithu.chibo2';

let world: TransferWorld;
let apps: OfficerApps<Officer>;

interface Officer extends OfficerApp {
  transfers: TransfersPage;
}

beforeAll(async () => {
  // The receiving cell's secretary registers her certificate from the token dialog when she signs.
  world = await openTransferWorld({
    officers: [SENDING, WARD, RECEIVING],
    registerInApp: [RECEIVING],
  });
  apps = new OfficerApps(
    { url: world.server.url, appEnv: (username) => world.appEnv(username) },
    (o, page) => ({ ...o, transfers: new TransfersPage(page) }),
  );
});

// A failed step leaves a picture of every officer's window, for the person reading the failure.
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

const launch = (username: string) => apps.launch(username);
/** The officer's app, logged in and synced; opened once. */
const officer = (username: string) => apps.officer(username);

const memberNamed = (username: string) => {
  const m = world.demo.members.find((x) => x.username === username);
  if (!m) throw new Error(`no demo member ${username}`);
  return m;
};

const token = (username: string) => {
  const t = world.tokens.get(username);
  if (!t) throw new Error(`no token for ${username}`);
  return t;
};

const cell = (key: string) => {
  const org = world.orgs.get(key);
  if (!org) throw new Error(`no org ${key}`);
  return org;
};

/** Pushes what waits (syncNow pushes first) and resolves once the app announced outbox-empty. */
async function sendAndWaitEmpty(o: Officer): Promise<void> {
  const emptied = nextAppEvent(o.session.page, 'outbox-empty');
  await o.shell.syncNow();
  await emptied;
  await o.shell.waitForOutboxEmpty();
}

describe('official transfer: offline review and signing, three orgs, three tokens', () => {
  it('goes from the member to the receiving cell with one valid signature per org', async () => {
    const member = memberNamed('dangvien1.chibo1');
    const to = cell('chibo2');
    const submitted = await submitAsMember(world, member.username, {
      variant: 'official',
      toCellId: to.id,
      toCellName: to.name,
      reason: 'Chuyển nơi cư trú đến Tổ dân phố số 2',
    });

    // The sending cell's secretary syncs at the office; then the central server goes down.
    const a = await officer(SENDING);
    void launch(WARD);
    void launch(RECEIVING);
    await world.server.stop();
    expect(await syncWhileServerDown(a.shell)).toMatch(/kết nối/i);

    await a.transfers.open('official', 'outgoing');
    const listed = (await a.transfers.rows()).find((r) => r.member === member.fullName);
    expect(listed).toMatchObject({ status: 'Chờ kiểm tra', destinationOrg: to.name });
    await screenshot(a.session.page, '30-transfers-list');

    await a.transfers.openDossier(member.fullName);
    expect(await a.transfers.statusCode()).toBe('pending_check');
    expect((await a.transfers.route()).map((s) => s.name)).toEqual([
      cell('chibo1').name,
      cell('phuong').name,
      to.name,
    ]);
    await screenshot(a.session.page, '31-dossier');
    // The attachment was fetched with the sync: it opens without the server.
    const attachment = await a.transfers.openAttachment(submitted.fileName);
    expect(attachment).toEqual({ pages: 1, signatures: [] });
    await screenshot(a.session.page, '32-attachment-viewer');

    const checked = await a.transfers.check({
      fields: { 'Số giấy giới thiệu': '15-GGT/CB', 'Ghi chú': 'Hồ sơ đầy đủ.' },
    });
    expect(checked.kind).toBe('saved');
    const signed = await a.transfers.signAndForward({
      certificate: token(SENDING).signerName,
      pin: token(SENDING).pin,
      beforePin: () => screenshot(a.session.page, '33-token-dialog'),
    });
    expect(signed.kind).toBe('saved');
    expect(await a.transfers.pendingNotice()).toContain('Đang chờ gửi lên máy chủ');
    expect(await a.shell.outboxCounts()).toEqual({ waiting: 2, refused: 0 });

    const outbox = new OutboxPage(a.session.page);
    await outbox.open();
    const rows = await outbox.rows();
    expect(rows.map((r) => r.status)).toEqual(['Chờ gửi', 'Chờ gửi']);
    expect(rows.every((r) => r.label.includes(member.fullName))).toBe(true);
    await screenshot(a.session.page, '34-outbox-offline');

    // The server is back: the outbox goes out and empties.
    await world.server.start();
    await sendAndWaitEmpty(a);
    expect(await outbox.counts()).toEqual({ waiting: 0, refused: 0 });
    const api = await apiAs(world, SENDING);
    const atWard = await api.dossier(submitted.id);
    expect(atWard).toMatchObject({ status: 'pending_check', currentOrgId: cell('phuong').id });
    expect(atWard.history.map((e) => e.type)).toEqual(['submit', 'check', 'sign_and_forward']);
    expect(atWard.letterSha256).not.toBeNull();

    // The ward hands over: its secretary checks and signs with the ward's token.
    const w = await officer(WARD);
    await w.transfers.open('official', 'outgoing');
    // The ward's list holds the demo dossiers too, in their various states.
    const wardRows = await w.transfers.rows();
    expect(new Set(wardRows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
    await screenshot(w.session.page, '35-ward-list');
    await w.transfers.openDossier(member.fullName);
    expect((await w.transfers.check()).kind).toBe('sent');
    const wardSigned = await w.transfers.signAndForward({
      certificate: token(WARD).signerName,
      pin: token(WARD).pin,
    });
    expect(wardSigned).toMatchObject({ kind: 'sent' });
    await w.shell.waitForOutboxEmpty();

    // The receiving cell (another user, browser context, data directory and token).
    const b = await officer(RECEIVING);
    await b.transfers.open('official', 'incoming');
    await b.transfers.openDossier(member.fullName);
    const letter = await b.transfers.openAttachment('Giấy giới thiệu sinh hoạt đảng');
    expect(letter.signatures.map((s) => s.signer)).toEqual([
      token(SENDING).signerName,
      token(WARD).signerName,
    ]);
    expect(letter.signatures.map((s) => s.verdict)).toEqual(['valid', 'valid']);
    await screenshot(b.session.page, '36-letter-signatures');
    expect((await b.transfers.check()).kind).toBe('sent');
    const completed = await b.transfers.signAndForward({
      certificate: token(RECEIVING).signerName,
      pin: token(RECEIVING).pin,
      beforePin: async () => {
        // Her first signature: the server does not know her token yet; she registers it here.
        expect(await b.transfers.tokenDialog.registrationStatus()).toBe('not_registered');
        await b.transfers.tokenDialog.registerCertificate();
        await screenshot(b.session.page, '36b-certificate-registered');
      },
    });
    expect(completed).toMatchObject({ kind: 'sent' });
    await b.shell.waitForOutboxEmpty();
    await b.shell.syncNow();
    await b.transfers.waitForStatus('completed');
    // Our verifier, in the signatures panel, sees the three signatures valid as well.
    const signedLetter = await b.transfers.openAttachment('Giấy giới thiệu sinh hoạt đảng');
    expect(signedLetter.signatures).toEqual(
      [SENDING, WARD, RECEIVING].map((u) => ({ signer: token(u).signerName, verdict: 'valid' })),
    );
    await screenshot(b.session.page, '37-dossier-completed');

    // The member now belongs to the receiving cell: through the API and in the app.
    const final = await api.dossier(submitted.id);
    expect(final.status).toBe('completed');
    expect((await api.member(member.memberId)).homeOrgId).toBe(to.id);
    await b.shell.open('Tra cứu đảng viên');
    const members = new MembersPage(b.session.page);
    await members.search(member.fullName);
    expect(await memberHomeOrg(b.session.page, member.fullName)).toBe(to.name);
    const detail = await members.openMember(member.fullName);
    expect(await detail.innerText()).toContain(to.name);
    await screenshot(b.session.page, '38-member-moved');
    await members.closeMember();

    // The final letter: one signature per approving org, every one valid for pdfsig.
    const file = join(ARTIFACTS_DIR, 'transfer-final.pdf');
    writeFileSync(file, await api.blob(final.letterSha256!));
    const sigs = await pdfsigReport(world, file);
    expect(sigs.map((s) => s.commonName)).toEqual([
      token(SENDING).signerName,
      token(WARD).signerName,
      token(RECEIVING).signerName,
    ]);
    for (const s of sigs) {
      expect(s.validation, s.fieldName).toBe('Signature is Valid.');
      expect(s.certificate, s.fieldName).toBe('Certificate is Trusted.');
    }
    expect(sigs.at(-1)?.totalDocument).toBe(true);
    // The ward committee signed with its seal (the 36 mm stand-in image).
    expect(readFileSync(file).toString('latin1')).toMatch(/\/Width 425\b/);
    expect(a.session.errors).toEqual([]);
    expect(b.session.errors).toEqual([]);
  }, 180_000);
});

describe('the other variants, shorter', () => {
  it('temporary: approved unsigned along the route, the stay is recorded', async () => {
    // The school cells' secretaries act in the next journey: their apps start meanwhile.
    void launch(world.approvers.get('thcs1')!);
    void launch(world.approvers.get('thcs2')!);
    const member = memberNamed('dangvien2.chibo1');
    const to = cell('chibo2');
    const stay = { startOn: '2027-01-04', endOn: '2027-07-30' };
    const { id } = await submitAsMember(world, member.username, {
      variant: 'temporary',
      toCellId: to.id,
      toCellName: to.name,
      reason: 'Đi làm việc có thời hạn tại địa bàn Tổ dân phố số 2',
      temporary: stay,
    });
    for (const [username, side] of [
      [SENDING, 'outgoing'],
      [WARD, 'outgoing'],
      [RECEIVING, 'incoming'],
    ] as const) {
      const o = await officer(username);
      await o.shell.syncNow();
      await o.transfers.open('temporary', side);
      await o.transfers.openDossier(member.fullName);
      expect((await o.transfers.check()).kind).toBe('sent');
      expect((await o.transfers.forward()).kind).toBe('sent');
    }
    const api = await apiAs(world, RECEIVING);
    const done = await api.dossier(id);
    expect(done.status).toBe('completed');
    expect(done.form.temporary).toMatchObject(stay);
    // The member stays registered at home; the stay is recorded with its end date.
    const home = await apiAs(world, SENDING);
    expect((await home.member(member.memberId)).homeOrgId).toBe(cell('chibo1').id);
    expect(await home.temporaryMemberships(member.memberId)).toEqual([
      { orgId: to.id, dossierId: id, startOn: stay.startOn, endOn: stay.endOn },
    ]);
  }, 120_000);

  it('internal: the two cells of the school committee deal directly', async () => {
    const member = memberNamed('dangvien1.thcs1');
    const to = cell('thcs2');
    const { id } = await submitAsMember(world, member.username, {
      variant: 'internal',
      toCellId: to.id,
      toCellName: to.name,
      reason: 'Phân công sang Tổ Khoa học Xã hội',
    });
    const sending = await officer(world.approvers.get('thcs1')!);
    await sending.transfers.open('internal', 'outgoing');
    await sending.transfers.openDossier(member.fullName);
    expect((await sending.transfers.route()).map((s) => s.name)).toEqual([
      cell('thcs1').name,
      to.name,
    ]);
    expect((await sending.transfers.check()).kind).toBe('sent');
    expect((await sending.transfers.forward()).kind).toBe('sent');

    const receiving = await officer(world.approvers.get('thcs2')!);
    await receiving.transfers.open('internal', 'incoming');
    await receiving.transfers.openDossier(member.fullName);
    expect((await receiving.transfers.check()).kind).toBe('sent');
    expect((await receiving.transfers.forward()).kind).toBe('sent');

    expect((await (await apiAs(world, member.username)).dossier(id)).status).toBe('completed');
    const api = await apiAs(world, receiving.username);
    expect((await api.member(member.memberId)).homeOrgId).toBe(to.id);
  }, 120_000);

  it('return: the member sees the dossier returned with the reason', async () => {
    const member = memberNamed('dangvien3.chibo1');
    const to = cell('chibo2');
    const { id } = await submitAsMember(world, member.username, {
      variant: 'official',
      toCellId: to.id,
      toCellName: to.name,
      reason: 'Chuyển nơi cư trú',
    });
    const reason = 'Đơn chưa ghi địa chỉ nơi ở mới. Đề nghị đồng chí bổ sung rồi nộp lại.';
    const a = await officer(SENDING);
    await a.shell.syncNow();
    await a.transfers.open('official', 'outgoing');
    await a.transfers.openDossier(member.fullName);
    expect((await a.transfers.returnToMember(reason)).kind).toBe('sent');
    await a.transfers.waitForStatus('returned');
    await screenshot(a.session.page, '39-dossier-returned');

    const seen = (await runDemoMember([
      'status',
      '--server',
      world.server.url,
      '--username',
      member.username,
      '--password',
      DEMO_PASSWORD,
      '--id',
      id,
    ])) as { statusVi: string };
    expect(seen.statusVi).toBe('Trả lại đảng viên');
    const api = await apiAs(world, member.username);
    expect(await api.dossier(id)).toMatchObject({ status: 'returned', reason });
  }, 90_000);
});
