/**
 * The production bundle works on its own (issue 15): built by main/production-build.ts, started
 * with plain `node` from a directory holding only dist/ and the production dependencies, it
 * serves the renderer, logs in on the demo ward, signs a transfer letter on a SoftHSM2 token
 * (token worker, fonts), has the demo server accept it (verify worker), and poppler's pdfsig
 * finds the signature valid.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { createNssDb, createTestPki, type TestPki } from '../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE } from '../scripts/test-support/softhsm';
import { value } from '../src/desktop/test-support/call-results';
import { pdfsig } from '../src/signing/test-support/corpus';
import { MAIN_ENTRIES, outputFile } from './production-build';
import {
  stageProductionBundle,
  startBundleHost,
  type BundleHost,
} from './test-support/production-bundle';

const dir = mkdtempSync(join(tmpdir(), 'production-bundle-'));
const root = join(dir, 'app');
const PIN = '246810';
let built: string[];
let pki: TestPki;
let host: BundleHost;

beforeAll(async () => {
  built = await stageProductionBundle(root);
  pki = createTestPki(join(dir, 'pki'));
  const hsm = createSoftHsm(join(dir, 'hsm'), [
    { label: 'Chi bo 1', pin: PIN, keys: [{ id: '01', cert: pki.signerRsa }] },
  ]);
  const anchors = join(dir, 'anchors.pem');
  writeFileSync(anchors, pki.root.certPem + pki.intermediate.certPem);
  host = await startBundleHost(root, ['--demo', '--data-dir', join(dir, 'data')], {
    SOFTHSM2_CONF: hsm.conf,
    PKCS11_MODULE: SOFTHSM_MODULE,
    // The desktop checks its signature and the demo server accepts it against these roots.
    SIGNING_TRUST_ANCHORS: anchors,
  });
}, 240_000);

afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the production bundle, with plain node and production dependencies only', () => {
  it('holds every entry and asset, and no source tree', () => {
    expect(built).toEqual(expect.arrayContaining(MAIN_ENTRIES.map(outputFile)));
    expect(built).toContain('assets/fonts/LiberationSerif-Regular.ttf');
    expect(existsSync(join(root, 'src'))).toBe(false);
    expect(existsSync(join(root, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(root, 'node_modules', 'vite'))).toBe(false);
  });

  it('serves the renderer from dist/renderer', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  });

  it('logs in on the demo, signs a letter on the token, and the server and pdfsig accept it', async () => {
    const login = value(
      'login',
      await host.call('login', { username: 'bithu.chibo1', password: DEMO_PASSWORD }),
    );
    expect(login.user.username).toBe('bithu.chibo1');
    value('syncNow', await host.call('syncNow'));
    const list = value(
      'listDossiers',
      await host.call('listDossiers', { variant: 'official', side: 'outgoing', awaitingMe: true }),
    );
    const dossier = list.items.find((d) => d.status === 'pending_check');
    expect(dossier, host.log()).toBeDefined();
    const dossierId = dossier!.id;
    value(
      'checkDossier',
      await host.call('checkDossier', { dossierId, data: { letterNumber: '07-GGT/CB' } }),
    );

    const tokens = value('listTokens', await host.call('listTokens'));
    const token = tokens.tokens.find((t) => t.label === 'Chi bo 1');
    expect(token?.certificates.map((c) => [c.id, c.usable])).toEqual([['01', true]]);
    const key = { slotId: token!.slotId, certificateId: '01' };
    // The server takes a signature only from a certificate registered to the signer.
    expect(
      value('registerTokenCertificate', await host.call('registerTokenCertificate', key)),
    ).toMatchObject({ status: 'registered' });
    const signed = value(
      'signAndForwardDossier',
      await host.call('signAndForwardDossier', { dossierId, ...key, pin: PIN }),
    );
    const pushed = value('pushNow', await host.call('pushNow'));
    expect(pushed, host.log()).toMatchObject({ notApplied: 0, remaining: 0 });
    expect(pushed.applied).toBeGreaterThanOrEqual(1);
    // The server took the signed letter (its verifier ran in the bundle's verify worker).
    value('syncNow', await host.call('syncNow'));
    const detail = value('dossierDetail', await host.call('dossierDetail', { dossierId }));
    expect(detail.dossier.history.map((e) => e.type).slice(-2)).toEqual([
      'check',
      'sign_and_forward',
    ]);
    expect(detail.dossier.letterSha256).toBe(signed.letterSha256);

    const letter = value('readBlob', await host.call('readBlob', { sha256: signed.letterSha256 }));
    expect(letter.contentType).toBe('application/pdf');
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, Buffer.from(letter.base64, 'base64'));
    const [signature, ...others] = await pdfsig(file, createNssDb(join(dir, 'nss'), pki.root));
    expect(others).toEqual([]);
    expect(signature).toMatchObject({
      commonName: pki.signerRsa.commonName,
      validation: 'Signature is Valid.',
      certificate: 'Certificate is Trusted.',
      totalDocument: true,
    });
  });
});
