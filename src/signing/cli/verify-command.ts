/**
 * `npm run -s verify`: every signature of every revision, checked as the app and the server check
 * them (in the isolated verifier, with revocation from the file's DSS, then OCSP/CRL online unless
 * `--offline`). Exit 0 only when every signature is intact, trusted and not revoked and nothing
 * disallowed changed; 1 otherwise; 2 when the file cannot be read (or the arguments are wrong).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCertificates } from '../verify/chain';
import { PdfRejectedError, verifyPdfIsolated } from '../verify/verify-isolated';
import type { ModificationChange, SignatureReport, VerifyReport } from '../verify/verify-pdf';
import type { CommandIo } from './sign-command';

export const VERIFY_USAGE = 'usage: verify FILE.pdf [--trust ROOT.pem ...] [--offline] [--json]';

const STATUS_WORD = {
  intact: 'intact',
  changed: 'CHANGED after signing',
  broken: 'BROKEN',
} as const;
/** Online revocation may ask several responders, each within its own timeout. */
const ONLINE_TIMEOUT_MS = 60_000;

const describeChange = (c: ModificationChange) =>
  `${c.object === null ? '' : `object ${c.object} `}${c.kind}: ${c.detail} [${c.verdict}]`;

function describeRevocation(s: SignatureReport): string {
  const r = s.revocation;
  const from = r.source ? ` (from ${r.source.toUpperCase()})` : '';
  const at = r.revokedAt ? ` at ${r.revokedAt}` : '';
  const note = r.note ? ` — ${r.note}` : '';
  return `revocation: ${r.status === 'revoked' ? 'REVOKED' : r.status}${at}${from}${note}`;
}

function printReport(report: VerifyReport, io: CommandIo): void {
  if (report.signatures.length === 0) io.out('no signatures');
  for (const s of report.signatures) {
    const trust = s.chain.trusted ? 'trusted' : 'NOT trusted';
    const whole = s.coversWholeFile ? ', covers the whole file' : '';
    const who = `${s.signer ?? '?'} at ${s.claimedTime ?? '?'}`;
    io.out(`${s.fieldName}: ${who} — ${STATUS_WORD[s.status]}, ${trust}${whole}`);
    if (s.timestamp) {
      const t = s.timestamp;
      const sound = t.imprintOk && t.signatureOk ? 'intact' : 'BROKEN';
      const trusted = t.trusted ? 'trusted' : 'NOT trusted';
      io.out(`  timestamp ${t.time ?? '?'} by ${t.tsa ?? '?'} — ${sound}, ${trusted}`);
    }
    io.out(`  ${describeRevocation(s)}`);
    for (const e of s.errors) io.out(`  - ${e}`);
    for (const c of s.modifications.changes) io.out(`  · ${describeChange(c)}`);
  }
}

/** Runs the command; returns the exit code. */
export async function runVerify(argv: string[], io: CommandIo): Promise<number> {
  let file: string | undefined;
  let values: { trust?: string[]; json?: boolean; offline?: boolean };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        trust: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        offline: { type: 'boolean' },
      },
    });
    values = parsed.values;
    file = parsed.positionals[0];
  } catch (err) {
    io.err(`${(err as Error).message}\n${VERIFY_USAGE}`);
    return 2;
  }
  if (!file) {
    io.err(VERIFY_USAGE);
    return 2;
  }
  let pdf: Buffer;
  let anchors;
  try {
    pdf = readFileSync(file);
    anchors = (values.trust ?? []).flatMap((f) => loadCertificates(readFileSync(f)));
  } catch (err) {
    io.err(`cannot read: ${(err as Error).message}`);
    return 2;
  }
  try {
    const online = !values.offline;
    const timeoutMs = online ? ONLINE_TIMEOUT_MS : undefined;
    const report = await verifyPdfIsolated(pdf, { trustAnchors: anchors, online, timeoutMs });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printReport(report, io);
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof PdfRejectedError) {
      io.err(`cannot verify: ${err.messageVi} (${err.message})`);
      return 2;
    }
    io.err(`cannot verify: ${(err as Error).message}`);
    return 1;
  }
}
