/**
 * Test support for the transfer suites: the test server of `openTestServer` with signing trust
 * anchors, extra staff along the fixture's routes, a member account, and push/upload helpers.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { PushResponse, type PushMutation } from '../../src/api/push';
import { DossierView, type SubmitTransferRequest } from '../../src/api/transfers';
import type { ServerEngine } from '../../src/db/server-db';
import { User } from '../../src/domain/people/user';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../repositories/db';
import { insertUser } from '../repositories/users';
import { ids, PASSWORD, seedFixture, TEST_SCRYPT } from './fixture';
import { openTestServer, type TestServer } from './harness';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Accounts added to the fixture: who acts at each org of the fixture's routes. */
export const staff = {
  /** The member Nguyễn Văn Đức (cell 1) with a member account. */
  member: { id: uuid(301), username: 'dv.duc', memberId: ids.members[0] },
  deputy: { id: uuid(302), username: 'phobithu.tdp1' },
  provinceProcessor: { id: uuid(303), username: 'xuly.thanhpho' },
  otherWardProcessor: { id: uuid(304), username: 'xuly.phucloi' },
  otherCellApprover: { id: uuid(305), username: 'bithu.tdp9' },
  cell2Approver: { id: uuid(306), username: 'bithu.tdp2' },
};

const account = (
  id: string,
  username: string,
  fullName: string,
  serial: number,
  orgId: string,
  roles: User['roles'],
) =>
  User.parse({
    id,
    username,
    fullName,
    citizenId: `00108000${String(serial).padStart(4, '0')}`,
    phone: '0912345678',
    email: null,
    position: null,
    orgId,
    status: 'active',
    roles,
  });

/** The fixture's accounts plus `staff`, all with the fixture's password. */
export async function seedFixtureWithStaff(db: Db): Promise<void> {
  await seedFixture(db);
  const now = new Date('2026-01-05T08:00:00Z');
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const cell1Approver = [{ role: 'approver' as const, orgId: ids.cell1 }];
  await db.transaction().execute(async (trx) => {
    const add = (user: User, memberId: string | null = null) =>
      insertUser(trx, { user, passwordHash, memberId }, now);
    await add(
      account(staff.member.id, 'dv.duc', 'Nguyễn Văn Đức', 301, ids.cell1, [
        { role: 'member', orgId: ids.cell1 },
      ]),
      staff.member.memberId,
    );
    await add(
      account(staff.deputy.id, 'phobithu.tdp1', 'Đinh Thị Hạnh', 302, ids.cell1, cell1Approver),
    );
    await add(
      account(staff.provinceProcessor.id, 'xuly.thanhpho', 'Cao Văn Quang', 303, ids.province, [
        { role: 'processor', orgId: ids.province },
      ]),
    );
    await add(
      account(staff.otherWardProcessor.id, 'xuly.phucloi', 'Mai Thị Rạng', 304, ids.otherWard, [
        { role: 'processor', orgId: ids.otherWard },
      ]),
    );
    await add(
      account(staff.otherCellApprover.id, 'bithu.tdp9', 'Lưu Văn Sơn', 305, ids.otherCell, [
        { role: 'approver', orgId: ids.otherCell },
      ]),
    );
    await add(
      account(staff.cell2Approver.id, 'bithu.tdp2', 'Kiều Thị Tâm', 306, ids.cell2, [
        { role: 'approver', orgId: ids.cell2 },
      ]),
    );
  });
}

/** The test server of `openTestServer` with the transfer staff, and the transfer calls. */
export interface TransferTestServer extends TestServer {
  request(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    token: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  upload(token: string, bytes: Buffer): Promise<string>;
  submit(token: string, body: SubmitTransferRequest): Promise<DossierView>;
  dossier(token: string, id: string): Promise<DossierView>;
  push(token: string, mutations: PushMutation[]): Promise<PushResponse['results']>;
}

export async function openTransferServer(options: {
  engine: ServerEngine;
  postgresUrl: string;
  trustAnchors?: X509Certificate[];
  blobMaxBytes?: number;
}): Promise<TransferTestServer> {
  const t = await openTestServer({
    engine: options.engine,
    postgresUrl: options.postgresUrl,
    seed: seedFixtureWithStaff,
    server: {
      transfers: { trustAnchors: options.trustAnchors ?? [], blobMaxBytes: options.blobMaxBytes },
    },
  });
  const request: TransferTestServer['request'] = (method, url, token, body) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    ...t,
    request,
    async upload(token, bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const res = await t.app.inject({
        method: 'PUT',
        url: `/v1/blobs/${sha}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        payload: bytes,
      });
      if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
      return sha;
    },
    async submit(token, body) {
      const res = await request('POST', '/v1/transfers', token, body);
      if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
      return DossierView.parse(res.json());
    },
    async dossier(token, id) {
      const res = await request('GET', `/v1/transfers/${id}`, token);
      if (res.statusCode !== 200) throw new Error(`dossier: ${res.statusCode} ${res.body}`);
      return DossierView.parse(res.json());
    },
    async push(token, mutations) {
      const res = await request('POST', '/v1/sync/push', token, { mutations });
      if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
      return PushResponse.parse(res.json()).results;
    },
  };
}
