/** npm run -s verify -- FILE.pdf [--trust ROOT.pem ...] [--json]; exit 0 only when all intact and trusted. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCertificates } from '../src/signing/verify/chain';
import { verifyPdf, type ModificationChange } from '../src/signing/verify/verify-pdf';

const STATUS_WORD = { intact: 'intact', changed: 'CHANGED after signing', broken: 'BROKEN' } as const;
const describeChange = (c: ModificationChange) =>
  `${c.object === null ? '' : `object ${c.object} `}${c.kind}: ${c.detail} [${c.verdict}]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trust: { type: 'string', multiple: true }, json: { type: 'boolean' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: verify FILE.pdf [--trust ROOT.pem ...] [--json]');
  process.exit(2);
}
try {
  const anchors = (values.trust ?? []).flatMap((f) => loadCertificates(readFileSync(f)));
  const report = verifyPdf(readFileSync(file), { trustAnchors: anchors });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    if (report.signatures.length === 0) console.log('no signatures');
    for (const s of report.signatures) {
      console.log(`${s.fieldName}: ${s.signer ?? '?'} at ${s.claimedTime ?? '?'} — ${STATUS_WORD[s.status]}, ${s.chain.trusted ? 'trusted' : 'NOT trusted'}${s.coversWholeFile ? ', covers the whole file' : ''}`); // prettier-ignore
      if (s.timestamp) console.log(`  timestamp ${s.timestamp.time ?? '?'} by ${s.timestamp.tsa ?? '?'} — ${s.timestamp.imprintOk && s.timestamp.signatureOk ? 'intact' : 'BROKEN'}, ${s.timestamp.trusted ? 'trusted' : 'NOT trusted'}`); // prettier-ignore
      for (const e of s.errors) console.log(`  - ${e}`);
      for (const c of s.modifications.changes) console.log(`  · ${describeChange(c)}`);
    }
  }
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  console.error(`cannot verify: ${(err as Error).message}`);
  process.exitCode = 1;
}
