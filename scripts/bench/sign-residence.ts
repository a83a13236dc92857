/**
 * Residence forms signed as the desktop signs them (`npm run bench -- sign.residence`):
 *   bench sign.residence n=200 ms_per_form=A token_ms_per_form=T overhead_ms_per_form=B
 *       engine_overhead_ms_per_form=E ratio_to_engine=B/E goal_overhead_ms=15
 *     200 comment forms signed by `signTokenBatch` on SoftHSM (every PKCS#11 call in the token
 *     worker, one login, each result verified in the verification worker before it counts); T is
 *     the token's own C_Sign time, B = A − T. Baseline in the same run: the same forms through the
 *     bare engine (`signBatch`, token in this thread, no check), E its time beyond C_Sign.
 *   bench sign.residence.render n=200 ms_per_form=R
 *     rendering the forms (`buildResidenceFormPdf`), before any signing.
 *   bench sign.residence.lag p99_ms=P max_ms=M idle_p99_ms=P0 idle_max_ms=M0 ratio_p99=P/P0
 *     event-loop delay (perf_hooks.monitorEventLoopDelay) during the batch, against the same loop
 *     idle for as long: what the UI process feels while a batch signs.
 * PKI and token are made in a temp dir and removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { residenceFormDocument } from '../../src/desktop/signing/test-support/residence-forms';
import { signTokenBatch, type TokenBatchDocument } from '../../src/desktop/signing/token-batch';
import { signBatch } from '../../src/signing/batch/batch-sign';
import { Pkcs11Module } from '../../src/signing/token/pkcs11-module';
import { RemoteTokenModule } from '../../src/signing/token/remote-token';
import { loadCertificates } from '../../src/signing/verify/chain';
import { prestartVerifyWorker } from '../../src/signing/verify/verify-isolated';
import { createTestPki } from '../test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../test-support/softhsm';
import { figureLine, ms } from './stats';

const FORMS = 200;
const WARMUP = 10;
const PIN = '1234';
const ns = (h: { percentile(p: number): number; max: number }) => ({
  p99: h.percentile(99) / 1e6,
  max: h.max / 1e6,
});

export async function benchSignResidence(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-bench-residence-'));
  const warn = console.warn;
  // The test PKI has no OCSP/CRL URLs: the batch says so once; not a figure.
  console.warn = () => undefined;
  try {
    const pki = createTestPki(join(dir, 'pki'));
    useSoftHsm(
      createSoftHsm(join(dir, 'hsm'), [
        {
          label: 'Bench',
          pin: PIN,
          keys: [{ id: '01', cert: pki.signerRsa }],
          caCerts: [pki.intermediate],
        },
      ]),
    );
    const lister = await RemoteTokenModule.open(SOFTHSM_MODULE);
    const slotId = (await lister.listTokens()).find((t) => t.label === 'Bench')!.slotId;
    await lister.close();
    prestartVerifyWorker();

    let started = performance.now();
    const forms: TokenBatchDocument[] = [];
    for (let i = 0; i < FORMS; i++) forms.push(await residenceFormDocument(i));
    const renderMs = (performance.now() - started) / FORMS;

    const trustAnchors = loadCertificates(pki.root.certPem);
    const batch = async (documents: TokenBatchDocument[]) => {
      const result = await signTokenBatch({
        signing: { pkcs11Module: SOFTHSM_MODULE },
        slotId,
        certificateId: '01',
        pin: PIN,
        now: new Date(),
        documents,
        reason: 'Xác nhận phiếu nhận xét đảng viên nơi cư trú',
        location: 'Đảng bộ Phường Việt Hưng',
        trustAnchors,
      });
      if (result.signed.length !== documents.length)
        throw new Error(`residence batch failed: ${result.notSigned[0]?.message}`);
      return result;
    };
    await batch(forms.slice(0, WARMUP));

    const busy = monitorEventLoopDelay({ resolution: 1 });
    busy.enable();
    started = performance.now();
    const desktop = await batch(forms);
    const wallMs = performance.now() - started;
    busy.disable();
    const idle = monitorEventLoopDelay({ resolution: 1 });
    idle.enable();
    await sleep(wallMs);
    idle.disable();

    // Baseline: the engine alone on the same forms, token in this thread, nothing checked.
    const token = Pkcs11Module.open(SOFTHSM_MODULE);
    let engineMs: number;
    let engineTokenMs: number;
    try {
      const slot = Buffer.from(slotId, 'hex');
      const engine = () =>
        signBatch({
          module: token,
          slot,
          pin: PIN,
          documents: forms,
          appearance: { reason: 'Xác nhận phiếu nhận xét đảng viên nơi cư trú' },
          cms: { chain: [pki.intermediate.certDer] },
        });
      await engine();
      started = performance.now();
      const result = await engine();
      engineMs = performance.now() - started;
      if (result.signed.length !== FORMS) throw new Error('engine baseline failed');
      engineTokenMs = result.tokenMs;
    } finally {
      token.close();
    }

    const perForm = wallMs / FORMS;
    const tokenPerForm = desktop.tokenMs / FORMS;
    const overhead = perForm - tokenPerForm;
    const engineOverhead = (engineMs - engineTokenMs) / FORMS;
    const lag = ns(busy);
    const idleLag = ns(idle);
    return [
      figureLine('sign.residence', {
        n: FORMS,
        ms_per_form: ms(perForm),
        token_ms_per_form: ms(tokenPerForm),
        overhead_ms_per_form: ms(overhead),
        engine_overhead_ms_per_form: ms(engineOverhead),
        ratio_to_engine: (overhead / engineOverhead).toFixed(2),
        goal_overhead_ms: 15,
      }),
      figureLine('sign.residence.render', { n: FORMS, ms_per_form: ms(renderMs) }),
      figureLine('sign.residence.lag', {
        p99_ms: ms(lag.p99),
        max_ms: ms(lag.max),
        idle_p99_ms: ms(idleLag.p99),
        idle_max_ms: ms(idleLag.max),
        ratio_p99: (lag.p99 / idleLag.p99).toFixed(2),
      }),
    ];
  } finally {
    console.warn = warn;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSignResidence().then(
    (lines) => {
      for (const line of lines) console.log(line);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
