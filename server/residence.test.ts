import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { createTestPki, type IssuedCert, type TestPki } from '../scripts/test-support/pki';
import { addWardSecretary, WARD_SECRETARY } from '../scripts/test-support/residence-push';
import type { PushMutation } from '../src/api/push';
import type { ResidenceFormWireAction, ResidenceRequestWireAction } from '../src/api/residence';
import { PullResponse } from '../src/api/sync';
import type { ResidenceRequestItem } from '../src/domain/procedures/residence-request';
import { signPdf } from '../src/signing/pdf/sign-pdf';
import { loadCertificates } from '../src/signing/verify/chain';
import { deleteUnreferencedUploads } from './repositories/blobs';
import { expectedResidenceForm, expectedResidenceList } from './repositories/expected-residence';
import { findForm, findRequest, formsOfRequest, residenceTrail } from './repositories/residence';
import { ids } from './test-support/fixture';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';

const [DUC, HOA, AN] = ids.members;

let pkiDir: string;
let pki: TestPki;
beforeAll(() => {
  pkiDir = mkdtempSync(join(tmpdir(), 'residence-'));
  pki = createTestPki(join(pkiDir, 'pki'));
});
afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

/** One incremental signature by `cert` (the test PKI's hand signer), as the token makes it. */
const signWith = (pdf: Buffer, cert: IssuedCert, time: Date) => {
  const key = createPrivateKey(cert.keyPem);
  return signPdf(
    pdf,
    {
      certificate: cert.certDer,
      keyType: cert.kind === 'ec' ? 'ec' : 'rsa',
      sign: async (d) => sign('sha256', d, key),
    },
    { signerName: cert.commonName, time },
    { chain: [pki.intermediate.certDer] },
  );
};

const request = (
  entityId: string,
  baseRev: number,
  action: ResidenceRequestWireAction,
): PushMutation => ({ id: randomUUID(), entity: 'residenceRequest', entityId, baseRev, action });
const formMutation = (
  entityId: string,
  baseRev: number,
  action: ResidenceFormWireAction,
): PushMutation => ({ id: randomUUID(), entity: 'residenceForm', entityId, baseRev, action });

const item = (
  memberId: string,
  residenceOrgId: string,
  over: Partial<ResidenceRequestItem> = {},
) => ({
  memberId,
  residenceOrgId,
  reportRequired: true,
  exemption: null,
  ...over,
});
const create = (
  items: ResidenceRequestItem[],
  workplaceOrgId = ids.cell1,
): ResidenceRequestWireAction => ({
  type: 'create',
  campaignYear: 2026,
  workplaceOrgId,
  kind: 'introduce_and_comment',
  items,
});
/** A small valid PDF (the server checks uploads are whole PDFs); `title` makes each one distinct. */
async function pdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage();
  return Buffer.from(await doc.save());
}

const comment = {
  strengths: 'Gương mẫu, nhiệt tình tham gia hoạt động của tổ dân phố',
  shortcomings: '',
  citizenDuties: 'Chấp hành tốt quy định nơi cư trú',
  proposals: '',
};

describe.each(serverEngines)('residence comments over push on %s', (engine) => {
  let t: TransferTestServer;
  let token: (username: string) => Promise<string>;
  beforeEach(async () => {
    t = await openTransferServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      trustAnchors: loadCertificates(pki.root.certPem),
    });
    // The ward's secretary approves, signs and sends the residence cells' forms.
    await addWardSecretary(t);
    const tokens = new Map<string, string>();
    token = async (username) => {
      if (!tokens.has(username)) tokens.set(username, await t.tokenFor(username));
      return tokens.get(username)!;
    };
  });
  afterEach(() => t?.close());

  /** Pushes one mutation as `username`; its result. */
  const push = async (username: string, m: PushMutation) =>
    (await t.push(await token(username), [m]))[0]!;

  /** A list of cell 1 (Đức living in cell 2, Hoa in cell 3), sent: its id and forms. */
  async function sentList() {
    const id = randomUUID();
    const made = await push(
      'bithu.tdp1',
      request(
        id,
        0,
        create([item(DUC, ids.cell2), item(HOA, ids.cell3, { reportRequired: false })]),
      ),
    );
    expect(made).toMatchObject({ status: 'applied', messageVi: 'Đã lập danh sách.' });
    const submitted = await push('bithu.tdp1', request(id, made.rev!, { type: 'submit' }));
    const approved = await push('phobithu.tdp1', request(id, submitted.rev!, { type: 'approve' }));
    const sent = await push('bithu.tdp1', request(id, approved.rev!, { type: 'send' }));
    expect(sent.status).toBe('applied');
    return { id, rev: sent.rev!, forms: await formsOfRequest(t.server.db, id) };
  }

  it('a list goes from the workplace to one form per member at each residence cell', async () => {
    const { id, forms } = await sentList();
    expect((await findRequest(t.server.db, id))?.value.status).toBe('sent');
    const byMember = new Map(forms.map((f) => [f.memberId, f]));
    expect(byMember.get(DUC)).toMatchObject({
      residenceOrgId: ids.cell2,
      committeeOrgId: ids.ward,
      workplaceOrgId: ids.cell1,
      status: 'awaiting_comment',
      reportRequired: true,
    });
    expect(byMember.get(HOA)).toMatchObject({ residenceOrgId: ids.cell3, reportRequired: false });
    expect((await residenceTrail(t.server.db, id)).map((e) => e.type)).toEqual([
      'create',
      'submit',
      'approve',
      'send',
    ]);
  });

  it('the residence cell writes, the ward approves; a paper form completes the other member', async () => {
    const { forms } = await sentList();
    const duc = forms.find((f) => f.memberId === DUC)!;
    const hoa = forms.find((f) => f.memberId === HOA)!;
    // A form's first rev is the one reserved when the list was sent (the client has it from pull).
    const rev0 = (await findForm(t.server.db, duc.id))!.rev;
    const w = await push('bithu.tdp2', formMutation(duc.id, rev0, { type: 'write', comment }));
    expect(w).toMatchObject({ status: 'applied' });
    const submitted = await push('bithu.tdp2', formMutation(duc.id, w.rev!, { type: 'submit' }));
    // The ward's processor may not approve; its secretary does.
    expect(
      await push('qt.viethung', formMutation(duc.id, submitted.rev!, { type: 'approve' })),
    ).toMatchObject({
      status: 'forbidden',
      code: 'not_committee_approver',
    });
    const approved = await push(
      WARD_SECRETARY,
      formMutation(duc.id, submitted.rev!, { type: 'approve' }),
    );
    expect(approved.status).toBe('applied');
    expect((await findForm(t.server.db, duc.id))?.value).toMatchObject({
      status: 'approved',
      comment,
    });

    // Hoa's residence cell has no account: the ward records the paper form with its scan.
    const scan = await pdf('Phiếu nhận xét bằng giấy');
    const sha = await t.upload(await token('qt.viethung'), scan);
    const paper = {
      scan: {
        sha256: sha,
        fileName: 'phieu-giay.pdf',
        contentType: 'application/pdf' as const,
        size: scan.length,
      },
      broughtBy: 'Bà Nguyễn Thị Tổ trưởng',
      receivedOn: '2026-01-05',
    };
    const hoaRev = (await findForm(t.server.db, hoa.id))!.rev;
    expect(
      await push('qt.viethung', formMutation(hoa.id, hoaRev, { type: 'record_paper', paper })),
    ).toMatchObject({
      status: 'applied',
    });
    expect((await findForm(t.server.db, hoa.id))?.value).toMatchObject({ status: 'sent', paper });
  });

  it('applies a repeated mutation id once and answers a stale rev with who acted first', async () => {
    const id = randomUUID();
    const m = request(id, 0, create([item(DUC, ids.cell2)]));
    const first = await push('bithu.tdp1', m);
    expect(await t.push(await token('bithu.tdp1'), [m, m])).toEqual([first, first]);
    expect(await residenceTrail(t.server.db, id)).toHaveLength(1);

    const submitted = await push('bithu.tdp1', request(id, first.rev!, { type: 'submit' }));
    const late = await push('phobithu.tdp1', request(id, first.rev!, { type: 'submit' }));
    expect(late).toMatchObject({ status: 'conflict', code: 'stale', rev: submitted.rev });
    expect(late.messageVi).toContain('Ngô Văn Minh');
    // Creating again under the same list id is not a second list.
    expect(await push('bithu.tdp1', request(id, 0, create([item(DUC, ids.cell2)])))).toMatchObject({
      status: 'conflict',
      code: 'exists',
    });
  });

  it('refuses what is out of scope or wrong: another ward, a member not there, a residence that is no cell', async () => {
    expect(
      await push(
        'bithu.tdp1',
        request(randomUUID(), 0, create([item(AN, ids.cell2)], ids.otherCell)),
      ),
    ).toMatchObject({
      status: 'forbidden',
      code: 'out_of_scope',
    });
    // Lê Văn An lives and works in cell 2: he is not cell 1's to introduce.
    expect(
      await push('bithu.tdp1', request(randomUUID(), 0, create([item(AN, ids.cell3)]))),
    ).toMatchObject({
      status: 'invalid',
      code: 'member_not_here',
    });
    expect(
      await push('bithu.tdp1', request(randomUUID(), 0, create([item(DUC, ids.ward)]))),
    ).toMatchObject({
      status: 'invalid',
      code: 'bad_residence_org',
    });
    const { forms } = await sentList();
    const duc = forms.find((f) => f.memberId === DUC)!;
    const rev = (await findForm(t.server.db, duc.id))!.rev;
    // The other ward sees nothing of it; its residence cell's secretary cannot write another cell's form.
    expect(
      await push('xuly.phucloi', formMutation(duc.id, rev, { type: 'write', comment })),
    ).toMatchObject({
      status: 'forbidden',
      code: 'out_of_scope',
    });
    expect(
      await push('bithu.tdp1', formMutation(duc.id, rev, { type: 'write', comment })),
    ).toMatchObject({
      status: 'forbidden',
      code: 'not_residence_staff',
    });
  });

  it('the member reports on his duties with his own upload, and only on his own form', async () => {
    const { forms } = await sentList();
    const duc = forms.find((f) => f.memberId === DUC)!;
    const hoa = forms.find((f) => f.memberId === HOA)!;
    const bytes = await pdf('Báo cáo thực hiện nhiệm vụ nơi cư trú');
    const sha = await t.upload(await token('dv.duc'), bytes);
    const file = {
      sha256: sha,
      fileName: 'bao-cao.pdf',
      contentType: 'application/pdf' as const,
      size: bytes.length,
    };
    const rev = (await findForm(t.server.db, duc.id))!.rev;
    expect(
      await push(
        'dv.duc',
        formMutation(duc.id, rev, { type: 'report', summary: 'Tham gia đầy đủ', file }),
      ),
    ).toMatchObject({
      status: 'applied',
    });
    expect((await findForm(t.server.db, duc.id))?.value.report?.file).toEqual(file);
    // His workplace and residence cells read the report; the other ward does not.
    const read = async (username: string) =>
      (await t.request('GET', `/v1/blobs/${sha}`, await token(username))).statusCode;
    expect(await read('bithu.tdp1')).toBe(200);
    expect(await read('bithu.tdp2')).toBe(200);
    expect(await read('xuly.phucloi')).toBe(404);
    // Referred to by the form, it outlives the clean-up of unreferenced uploads.
    await deleteUnreferencedUploads(t.server.db, new Date('2100-01-01T00:00:00Z'));
    expect(await read('bithu.tdp1')).toBe(200);
    // Hoa's form is not his: out of his scope altogether.
    const hoaRev = (await findForm(t.server.db, hoa.id))!.rev;
    expect(
      await push(
        'dv.duc',
        formMutation(hoa.id, hoaRev, { type: 'report', summary: 'Không phải của tôi', file }),
      ),
    ).toMatchObject({
      status: 'forbidden',
    });
    // A file he never uploaded is refused, nothing written.
    const stranger = { ...file, sha256: 'f'.repeat(64) };
    const now = (await findForm(t.server.db, duc.id))!.rev;
    expect(
      await push(
        'dv.duc',
        formMutation(duc.id, now, { type: 'report', summary: 'Sửa', file: stranger }),
      ),
    ).toMatchObject({
      status: 'invalid',
      code: 'bad_attachment',
    });
  });

  it('pulls lists to the workplace, forms to every side and the member, nothing to another ward', async () => {
    const { id, forms } = await sentList();
    const duc = forms.find((f) => f.memberId === DUC)!;
    const pulled = async (username: string) => {
      const res = await t.request('GET', '/v1/sync/pull?limit=5000', await token(username));
      expect(res.statusCode).toBe(200);
      // Upserts only: lists and forms are kept, never deleted.
      const changes = PullResponse.parse(res.json()).changes.flatMap((c) =>
        c.op === 'upsert' ? [c] : [],
      );
      const of = (entity: string) =>
        changes
          .filter((c) => c.entity === entity)
          .map((c) => c.id)
          .sort();
      return { lists: of('residenceRequest'), forms: of('residenceForm'), changes };
    };
    const all = forms.map((f) => f.id).sort();
    // The workplace cell: its list and both forms, with the names its cache lacks.
    const workplace = await pulled('bithu.tdp1');
    expect(workplace).toMatchObject({ lists: [id], forms: all });
    const form = workplace.changes.find((c) => c.id === duc.id);
    expect(form?.data).toMatchObject({
      status: 'awaiting_comment',
      memberNames: { [DUC]: 'Nguyễn Văn Đức' },
      // The form PDF prints it: a committee whose cache lacks the member renders it from here.
      memberBirthDates: { [DUC]: '1985-03-02' },
      orgNames: { [ids.cell2]: 'Chi bộ Tổ dân phố số 2', [ids.ward]: 'Đảng bộ Phường Việt Hưng' },
    });
    // Cell 2, where Đức lives: his form only, not the workplace's list.
    expect(await pulled('bithu.tdp2')).toMatchObject({ lists: [], forms: [duc.id] });
    // The ward committee above both residence cells: both forms.
    expect(await pulled(WARD_SECRETARY)).toMatchObject({ forms: all });
    // The member himself: his own form.
    expect(await pulled('dv.duc')).toMatchObject({ lists: [], forms: [duc.id] });
    // The other ward: nothing.
    expect(await pulled('xuly.phucloi')).toMatchObject({ lists: [], forms: [] });
    // A later change travels again with its new rev and trail.
    const rev = (await findForm(t.server.db, duc.id))!.rev;
    await push('bithu.tdp2', formMutation(duc.id, rev, { type: 'write', comment }));
    const again = (await pulled('bithu.tdp2')).changes.find((c) => c.id === duc.id);
    expect(again?.data).toMatchObject({ status: 'draft', comment });
    expect((again?.data as { history: { type: string }[] }).history.map((e) => e.type)).toEqual([
      'write',
    ]);
  });

  it('the ward sets its campaign; its cells read it and the forms carry its due date', async () => {
    const put = async (username: string, orgId: string, year: number, body: unknown) =>
      t.request('PUT', `/v1/residence/campaigns/${orgId}/${year}`, await token(username), body);
    const window = { opensOn: '2026-10-01', dueOn: '2026-12-15' };
    const set = await put(WARD_SECRETARY, ids.ward, 2026, window);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ committeeOrgId: ids.ward, year: 2026, ...window });
    // Moved later: the same campaign, one row.
    const moved = { ...window, dueOn: '2026-12-20' };
    expect((await put('qt.viethung', ids.ward, 2026, moved)).statusCode).toBe(200);
    // A cell runs no campaign; a window must end after it opens; a cell's secretary is not the ward's.
    expect((await put('bithu.tdp1', ids.cell1, 2026, window)).statusCode).toBe(400);
    const backwards = await put(WARD_SECRETARY, ids.ward, 2027, {
      opensOn: '2027-12-01',
      dueOn: '2027-11-01',
    });
    expect(backwards.statusCode).toBe(400);
    // Said in the screen's words, under the field it is about.
    expect(backwards.json()).toMatchObject({
      messageVi: expect.stringContaining('Hạn gửi phiếu phải sau ngày bắt đầu đợt nhận xét'),
    });
    expect((await put('bithu.tdp2', ids.ward, 2026, window)).statusCode).toBe(403);
    expect((await put('xuly.phucloi', ids.ward, 2026, window)).statusCode).toBe(403);

    // The residence cell under the ward reads it; the other ward does not see it.
    const list = async (username: string, query: string) =>
      t.request('GET', `/v1/residence/campaigns?${query}`, await token(username));
    const read = await list('bithu.tdp2', `orgId=${ids.ward}&year=2026`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({
      items: [expect.objectContaining({ committeeOrgId: ids.ward, year: 2026, ...moved })],
    });
    expect((await list('bithu.tdp2', `orgId=${ids.ward}&year=2025`)).json()).toEqual({ items: [] });
    expect((await list('xuly.phucloi', `orgId=${ids.ward}`)).statusCode).toBe(404);

    const { forms } = await sentList();
    const duc = forms.find((f) => f.memberId === DUC)!;
    const pulledForm = async () => {
      const res = await t.request('GET', '/v1/sync/pull?limit=5000', await token('bithu.tdp2'));
      const change = PullResponse.parse(res.json()).changes.find((c) => c.id === duc.id);
      return change?.op === 'upsert' ? change.data : undefined;
    };
    expect(await pulledForm()).toMatchObject({ dueOn: '2026-12-20' });

    // A moved date travels as the campaign, to every cache (the other ward's too: forms of this
    // ward reach workplace cells anywhere); the forms keep their revs, their concurrency tokens.
    const pull = async (username: string, cursor?: string) =>
      PullResponse.parse(
        (
          await t.request(
            'GET',
            `/v1/sync/pull?limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            await token(username),
          )
        ).json(),
      );
    const campaignKey = `${ids.ward}/2026`;
    expect((await pull('bithu.tdp2')).changes).toContainEqual(
      expect.objectContaining({
        entity: 'residenceCampaign',
        id: campaignKey,
        data: expect.objectContaining({ dueOn: '2026-12-20' }) as unknown,
      }),
    );
    const held = (await pull('bithu.tdp2')).nextCursor;
    const elsewhere = (await pull('xuly.phucloi')).nextCursor;
    const formRev = (await findForm(t.server.db, duc.id))!.rev;
    await put(WARD_SECRETARY, ids.ward, 2026, { ...window, dueOn: '2026-12-28' });
    const since = (await pull('bithu.tdp2', held)).changes;
    expect(since.map((c) => [c.entity, c.id])).toEqual([['residenceCampaign', campaignKey]]);
    expect(since[0]).toMatchObject({ data: { committeeOrgId: ids.ward, dueOn: '2026-12-28' } });
    expect((await pull('xuly.phucloi', elsewhere)).changes.map((c) => c.id)).toEqual([campaignKey]);
    expect((await findForm(t.server.db, duc.id))!.rev).toBe(formRev);

    // Without a campaign of its year, a form has no due date.
    await t.server.db.deleteFrom('residence_campaigns').execute();
    const rev = (await findForm(t.server.db, duc.id))!.rev;
    await push('bithu.tdp2', formMutation(duc.id, rev, { type: 'write', comment }));
    expect(await pulledForm()).toMatchObject({ status: 'draft', dueOn: null });
  });

  describe('signed steps', () => {
    // The test PKI's certificates are valid from the real today on.
    beforeEach(() => {
      t.clock.now = new Date();
    });

    const registered = async (username: string, cert: IssuedCert) => {
      const res = await t.request('POST', '/v1/me/certificates', await token(username), {
        certificate: cert.certPem,
        chain: [pki.intermediate.certPem],
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    const read = async (username: string, sha: string) =>
      (await t.request('GET', `/v1/blobs/${sha}`, await token(username))).statusCode;

    /** Đức's form, written by his residence cell and at `until` (submitted or approved). */
    async function ducForm(until: 'submitted' | 'approved' = 'approved') {
      const { forms } = await sentList();
      const id = forms.find((f) => f.memberId === DUC)!.id;
      const rev0 = (await findForm(t.server.db, id))!.rev;
      const w = await push('bithu.tdp2', formMutation(id, rev0, { type: 'write', comment }));
      const s = await push('bithu.tdp2', formMutation(id, w.rev!, { type: 'submit' }));
      if (until === 'submitted') return { id, rev: s.rev! };
      const a = await push(WARD_SECRETARY, formMutation(id, s.rev!, { type: 'approve' }));
      expect(a.status).toBe('applied');
      return { id, rev: a.rev! };
    }
    /** The form as the server would render it for signing today. */
    const unsignedForm = async (id: string) =>
      (await expectedResidenceForm(
        t.server.db,
        (await findForm(t.server.db, id))!.value,
        t.clock.now,
      ))!;
    /** Uploads `pdf` as `username` and pushes the form's sign_and_send naming it. */
    const signAndSend = async (username: string, id: string, rev: number, pdf: Buffer) => {
      const sha = await t.upload(await token(username), pdf);
      return push(username, formMutation(id, rev, { type: 'sign_and_send', signedPdfSha256: sha }));
    };
    /** A refusal leaves the form exactly as it was, trail included. */
    const unchanged = async (id: string, refusal: Promise<unknown>) => {
      const before = {
        form: await findForm(t.server.db, id),
        trail: await residenceTrail(t.server.db, id),
      };
      const r = await refusal;
      expect({
        form: await findForm(t.server.db, id),
        trail: await residenceTrail(t.server.db, id),
      }).toEqual(before);
      return r;
    };

    it('the ward secretary signs and sends an approved form: the server rebuilds it, the workplace and the member read it', async () => {
      await registered(WARD_SECRETARY, pki.signerEc);
      const { id, rev } = await ducForm();
      const signed = await signWith(await unsignedForm(id), pki.signerEc, t.clock.now);
      const sha = await t.upload(await token(WARD_SECRETARY), signed);
      const m = formMutation(id, rev, { type: 'sign_and_send', signedPdfSha256: sha });
      const sent = await push(WARD_SECRETARY, m);
      expect(sent, sent.message).toMatchObject({ status: 'applied' });
      expect((await findForm(t.server.db, id))?.value).toMatchObject({
        status: 'sent',
        formPdfSha256: sha,
        sentAt: t.clock.now.toISOString(),
      });
      // A replay of the same mutation is the same answer, applied once.
      expect(await push(WARD_SECRETARY, m)).toEqual(sent);
      const trail = await residenceTrail(t.server.db, id);
      expect(trail.filter((e) => e.type === 'sign_and_send')).toEqual([
        expect.objectContaining({ signedPdfSha256: sha }),
      ]);
      // The form's sides and the member read the signed form; the other ward does not.
      for (const reader of ['bithu.tdp1', 'bithu.tdp2', 'dv.duc'])
        expect(await read(reader, sha)).toBe(200);
      expect(await read('xuly.phucloi', sha)).toBe(404);
      await deleteUnreferencedUploads(t.server.db, new Date('2100-01-01T00:00:00Z'));
      expect(await read('bithu.tdp1', sha)).toBe(200);
    });

    it('refuses a signed form of other content, with two signatures, by an unregistered certificate or never uploaded', async () => {
      await registered(WARD_SECRETARY, pki.signerEc);
      const { id, rev } = await ducForm();
      const form = (await findForm(t.server.db, id))!.value;
      // A verifying signature on a form whose comment was changed on the way.
      const changed = (await expectedResidenceForm(
        t.server.db,
        { ...form, comment: { ...comment, shortcomings: 'Còn chậm đóng đảng phí' } },
        t.clock.now,
      ))!;
      expect(
        await unchanged(
          id,
          signAndSend(WARD_SECRETARY, id, rev, await signWith(changed, pki.signerEc, t.clock.now)),
        ),
      ).toMatchObject({ status: 'invalid', code: 'not_extending' });
      const once = await signWith(await unsignedForm(id), pki.signerEc, t.clock.now);
      expect(
        await unchanged(
          id,
          signAndSend(WARD_SECRETARY, id, rev, await signWith(once, pki.signerEc, t.clock.now)),
        ),
      ).toMatchObject({ status: 'invalid', code: 'several_new_signatures' });
      // The RSA certificate is valid but registered to nobody.
      expect(
        await unchanged(
          id,
          signAndSend(
            WARD_SECRETARY,
            id,
            rev,
            await signWith(await unsignedForm(id), pki.signerRsa, t.clock.now),
          ),
        ),
      ).toMatchObject({ status: 'forbidden', code: 'certificate_not_registered' });
      expect(
        await unchanged(
          id,
          push(
            WARD_SECRETARY,
            formMutation(id, rev, { type: 'sign_and_send', signedPdfSha256: 'e'.repeat(64) }),
          ),
        ),
      ).toMatchObject({ status: 'invalid', code: 'document_missing' });
      // Each refusal left the form approved: the right upload still goes through.
      expect(await signAndSend(WARD_SECRETARY, id, rev, once)).toMatchObject({ status: 'applied' });
    });

    it('refuses signing a form not yet approved, or by the residence cell instead of the committee', async () => {
      await registered(WARD_SECRETARY, pki.signerEc);
      await registered('bithu.tdp2', pki.signerRsa);
      const { id, rev } = await ducForm('submitted');
      const pdf = await signWith(await unsignedForm(id), pki.signerEc, t.clock.now);
      expect(await unchanged(id, signAndSend(WARD_SECRETARY, id, rev, pdf))).toMatchObject({
        status: 'invalid',
        code: 'not_allowed_now',
      });
      const approved = await push(WARD_SECRETARY, formMutation(id, rev, { type: 'approve' }));
      const byCell = await signWith(await unsignedForm(id), pki.signerRsa, t.clock.now);
      expect(
        await unchanged(id, signAndSend('bithu.tdp2', id, approved.rev!, byCell)),
      ).toMatchObject({ status: 'forbidden', code: 'not_committee_approver' });
    });

    it('the workplace secretary signs the list on approval and again on sending; a list of other content is refused', async () => {
      await registered('phobithu.tdp1', pki.signerEc);
      await registered('bithu.tdp1', pki.signerRsa);
      const id = randomUUID();
      const made = await push(
        'bithu.tdp1',
        request(id, 0, create([item(DUC, ids.cell2), item(HOA, ids.cell3)])),
      );
      const submitted = await push('bithu.tdp1', request(id, made.rev!, { type: 'submit' }));
      const list = (await findRequest(t.server.db, id))!.value;
      const unsigned = await expectedResidenceList(t.server.db, list, t.clock.now);
      const upload = async (username: string, pdf: Buffer) => t.upload(await token(username), pdf);

      // Hoa's report no longer asked: a signature over a list the server does not hold.
      const other = await expectedResidenceList(
        t.server.db,
        { ...list, items: [list.items[0]!, { ...list.items[1]!, reportRequired: false }] },
        t.clock.now,
      );
      const forged = await upload(
        'phobithu.tdp1',
        await signWith(other, pki.signerEc, t.clock.now),
      );
      expect(
        await push(
          'phobithu.tdp1',
          request(id, submitted.rev!, { type: 'sign_and_approve', signedPdfSha256: forged }),
        ),
      ).toMatchObject({ status: 'invalid', code: 'not_extending' });
      expect((await findRequest(t.server.db, id))?.value).toMatchObject({
        status: 'pending_approval',
        listPdfSha256: null,
      });

      const first = await signWith(unsigned, pki.signerEc, t.clock.now);
      const firstSha = await upload('phobithu.tdp1', first);
      const approved = await push(
        'phobithu.tdp1',
        request(id, submitted.rev!, { type: 'sign_and_approve', signedPdfSha256: firstSha }),
      );
      expect(approved, approved.message).toMatchObject({ status: 'applied' });
      expect((await findRequest(t.server.db, id))?.value).toMatchObject({
        status: 'approved',
        listPdfSha256: firstSha,
      });
      // Sending signs the signed list once more; a list of other content is no more its list.
      const otherOnSend = await upload(
        'bithu.tdp1',
        await signWith(other, pki.signerRsa, t.clock.now),
      );
      expect(
        await push(
          'bithu.tdp1',
          request(id, approved.rev!, { type: 'sign_and_send', signedPdfSha256: otherOnSend }),
        ),
      ).toMatchObject({ status: 'invalid', code: 'not_extending' });
      const second = await upload('bithu.tdp1', await signWith(first, pki.signerRsa, t.clock.now));
      const sent = await push(
        'bithu.tdp1',
        request(id, approved.rev!, { type: 'sign_and_send', signedPdfSha256: second }),
      );
      expect(sent, sent.message).toMatchObject({ status: 'applied' });
      expect((await findRequest(t.server.db, id))?.value).toMatchObject({
        status: 'sent',
        listPdfSha256: second,
      });
      expect(await formsOfRequest(t.server.db, id)).toHaveLength(2);
      // The workplace reads both signed versions; the residence side and the other ward do not.
      for (const sha of [firstSha, second]) {
        expect(await read('bithu.tdp1', sha)).toBe(200);
        expect(await read('xuly.phucloi', sha)).toBe(404);
      }
      expect(await read('bithu.tdp2', second)).toBe(404);
    });

    it('a list signed on approval may also be rendered afresh and signed once on sending', async () => {
      await registered('bithu.tdp1', pki.signerRsa);
      const id = randomUUID();
      const made = await push('bithu.tdp1', request(id, 0, create([item(DUC, ids.cell2)])));
      const submitted = await push('bithu.tdp1', request(id, made.rev!, { type: 'submit' }));
      const list = (await findRequest(t.server.db, id))!.value;
      const signedOnce = async () =>
        t.upload(
          await token('bithu.tdp1'),
          await signWith(
            await expectedResidenceList(t.server.db, list, t.clock.now),
            pki.signerRsa,
            t.clock.now,
          ),
        );
      const approved = await push(
        'bithu.tdp1',
        request(id, submitted.rev!, {
          type: 'sign_and_approve',
          signedPdfSha256: await signedOnce(),
        }),
      );
      expect(approved, approved.message).toMatchObject({ status: 'applied' });
      const fresh = await signedOnce();
      const sent = await push(
        'bithu.tdp1',
        request(id, approved.rev!, { type: 'sign_and_send', signedPdfSha256: fresh }),
      );
      expect(sent, sent.message).toMatchObject({ status: 'applied' });
      expect((await findRequest(t.server.db, id))?.value).toMatchObject({
        status: 'sent',
        listPdfSha256: fresh,
      });
    });
  });
});
