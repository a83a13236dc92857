import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { ReadinessReport } from '../src/api/oversight';
import { RegisteredImage } from '../src/api/registered-images';
import { PullResponse } from '../src/api/sync';
import { demoSealPng } from '../src/signing/pdf/demo-seal';
import { bombPng, signaturePng } from '../src/signing/images/test-support/images';
import { deleteUnreferencedUploads } from './repositories/blobs';
import { orgSealImageHistory } from './repositories/registered-images';
import { userHistory } from './repositories/users';
import { ids } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const hashOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\nstartxref\n0\n%%EOF\n');

describe.each(serverEngines)('seal and signature images on %s', (engine) => {
  let t: TestServer;
  beforeEach(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  });
  afterEach(() => t?.close());

  const send = (method: 'PUT', url: string, token: string, payload: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  async function upload(token: string, bytes: Buffer): Promise<string> {
    const sha = hashOf(bytes);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/blobs/${sha}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    expect(res.statusCode, res.body).toBe(200);
    return sha;
  }
  const setSeal = (token: string, orgId: string, sha256: string | null) =>
    send('PUT', `/v1/orgs/${orgId}/seal-image`, token, { sha256 });
  const setSignature = (token: string, sha256: string | null) =>
    send('PUT', '/v1/me/signature-image', token, { sha256 });
  const sealFindings = async (token: string) => {
    const res = await t.get(`/v1/oversight/readiness?orgId=${ids.ward}`, token);
    return ReadinessReport.parse(res.json())
      .findings.filter((f) => f.kind === 'org_seal_without_image')
      .map((f) => [f.org.id, f.fix]);
  };

  it('registers the ward’s seal: pulled with the org, readable in the ward, audited, kept', async () => {
    const admin = await t.tokenFor('qt.viethung');
    expect(await sealFindings(admin)).toEqual([[ids.ward, 'orgs']]);
    const sha = await upload(admin, demoSealPng());
    const res = await setSeal(admin, ids.ward, sha);
    expect(res.statusCode, res.body).toBe(200);
    expect(RegisteredImage.parse(res.json())).toEqual({ sha256: sha, width: 425, height: 425 });
    expect(await sealFindings(admin)).toEqual([]);

    // The ward's staff pull the ward with its seal and may fetch the image (they sign with it);
    // a cell's secretary, who sees the ward only as his cell's ancestor, and another ward may not.
    const processor = await t.tokenFor('xuly.viethung');
    const pulled = PullResponse.parse(
      (await t.get('/v1/sync/pull?limit=1000', processor)).json(),
    ).changes.find((c) => c.entity === 'org' && c.id === ids.ward);
    expect(pulled).toMatchObject({ data: { sealImageSha256: sha } });
    expect((await t.get(`/v1/blobs/${sha}`, processor)).statusCode).toBe(200);
    for (const outsider of ['bithu.tdp1', 'qt.phucloi'])
      expect((await t.get(`/v1/blobs/${sha}`, await t.tokenFor(outsider))).statusCode).toBe(404);

    expect(await orgSealImageHistory(t.server.db, ids.ward)).toMatchObject([
      { changed_by: ids.wardAdmin, before_sha256: null, after_sha256: sha },
    ]);
    // Referred to by the org, the upload is never cleaned up, however old.
    await deleteUnreferencedUploads(t.server.db, new Date('2100-01-01T00:00:00Z'));
    expect((await t.get(`/v1/blobs/${sha}`, processor)).statusCode).toBe(200);

    // Removed: the finding comes back.
    expect((await setSeal(admin, ids.ward, null)).json()).toEqual({
      sha256: null,
      width: null,
      height: null,
    });
    expect(await sealFindings(admin)).toEqual([[ids.ward, 'orgs']]);
  });

  it('refuses a seal for an org out of the admin’s scope, by a non-admin, and for a cell', async () => {
    const otherAdmin = await t.tokenFor('qt.phucloi');
    const sha = await upload(otherAdmin, demoSealPng());
    expect((await setSeal(otherAdmin, ids.ward, sha)).statusCode).toBe(403);
    const secretary = await t.tokenFor('bithu.tdp1');
    await upload(secretary, demoSealPng());
    expect((await setSeal(secretary, ids.ward, sha)).statusCode).toBe(403);
    const admin = await t.tokenFor('qt.viethung');
    await upload(admin, demoSealPng());
    const cell = await setSeal(admin, ids.cell1, sha);
    expect(cell.statusCode).toBe(409);
    expect(cell.json()).toMatchObject({ error: 'org_without_seal' });
    const ward = await t.get(`/v1/sync/pull?limit=1000`, admin);
    expect(
      PullResponse.parse(ward.json()).changes.find((c) => c.entity === 'org' && c.id === ids.ward),
    ).toMatchObject({ data: { sealImageSha256: null } });
  });

  it('refuses what is no proper image: a PDF, a decompression bomb', async () => {
    const admin = await t.tokenFor('qt.viethung');
    const pdf = await setSeal(admin, ids.ward, await upload(admin, PDF));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().messageVi).toContain('PNG');
    const bomb = await setSeal(admin, ids.ward, await upload(admin, bombPng()));
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().messageVi).toContain('điểm ảnh');
    const sig = await setSignature(admin, await upload(admin, bombPng()));
    expect(sig.statusCode).toBe(400);
  });

  it('a user registers his own signature only, never someone else’s upload', async () => {
    const secretary = await t.tokenFor('bithu.tdp1');
    const sha = await upload(secretary, signaturePng());
    // Another user who learnt the hash cannot make it his, nor read it.
    const other = await t.tokenFor('xuly.viethung');
    const stolen = await setSignature(other, sha);
    expect(stolen.statusCode).toBe(400);
    expect((await t.get(`/v1/blobs/${sha}`, other)).statusCode).toBe(404);

    const res = await setSignature(secretary, sha);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sha256: sha, width: 600, height: 200 });
    const history = await userHistory(t.server.db, ids.secretary);
    expect(history[0]).toMatchObject({
      changedBy: ids.secretary,
      changes: { signatureImage: [null, sha] },
    });
    // His own pull carries it; the admin of his ward may see it, another ward's may not.
    const mine = PullResponse.parse(
      (await t.get('/v1/sync/pull?limit=1000', secretary)).json(),
    ).changes.find((c) => c.entity === 'user' && c.id === ids.secretary);
    expect(mine).toMatchObject({ data: { signatureImageSha256: sha } });
    expect((await t.get(`/v1/blobs/${sha}`, await t.tokenFor('qt.viethung'))).statusCode).toBe(200);
    expect((await t.get(`/v1/blobs/${sha}`, await t.tokenFor('qt.phucloi'))).statusCode).toBe(404);
    // The route names nobody: a userId in the body is no field of it.
    const named = await send('PUT', '/v1/me/signature-image', other, {
      sha256: sha,
      userId: ids.secretary,
    });
    expect(named.statusCode).toBe(400);
  });
});
