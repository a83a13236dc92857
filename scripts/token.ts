/** `npm run -s token -- --module LIB`: slots, tokens and certificates (no PIN needed). */
import { parseArgs } from 'node:util';
import { findInstalledModules } from '../src/signing/token/known-modules';
import { Pkcs11Module } from '../src/signing/token/pkcs11-module';
import { TokenError } from '../src/signing/token/errors';

const { values } = parseArgs({ options: { module: { type: 'string' } } });
try {
  const paths = values.module ? [values.module] : findInstalledModules().map((m) => m.path);
  if (paths.length === 0) throw new Error('no --module given and no known vendor module installed');
  for (const path of paths) {
    const m = Pkcs11Module.open(path);
    console.log(`module ${path}`);
    for (const t of m.listTokens()) {
      console.log(
        `  token "${t.label}" serial=${t.serialNumber} model=${t.model} pin=${t.pinStatus}`,
      );
      let certs: ReturnType<typeof m.listCertificates> = [];
      try {
        certs = m.listCertificates(Buffer.from(t.slotId, 'hex'));
      } catch (err) {
        console.log(
          `    (certificates unavailable: ${err instanceof TokenError ? err.code : String(err)})`,
        );
      }
      for (const c of certs) {
        const i = c.info;
        const names = `subject="${i.subject}" issuer="${i.issuer}"`;
        const valid = `${i.notBefore.toISOString()}..${i.notAfter.toISOString()}`;
        const keyUsage = i.keyUsage?.join(',') ?? 'any';
        console.log(`    cert id=${c.id} ${names} valid=${valid} keyUsage=${keyUsage}`);
      }
    }
    m.close();
  }
} catch (err) {
  console.error(
    err instanceof TokenError ? `${err.messageVi} [${err.code}]` : (err as Error).message,
  );
  process.exit(1);
}
