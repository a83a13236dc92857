/**
 * npm run -s sign -- --module LIB --token LABEL --in IN.pdf --out OUT.pdf [--key ID_HEX]
 *   [--image SIG.png] [--seal SEAL.png] [--reason TEXT] [--location TEXT] [--tsa URL] [--page N] [--rect x,y,w,h]
 *   [--chain CA.pem ...]
 * The PIN comes from PKCS11_PIN, never from the command line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCertificates } from '../src/signing/verify/chain';
import { signPdfFile } from '../src/signing/pdf/sign-pdf';
import { cmsSignerOf } from '../src/signing/token/cms-signer';
import { TokenError } from '../src/signing/token/errors';
import { rfc3161Timestamper, TimestampError, TsaUrl } from '../src/signing/tsa/tsa-client';
import { Pkcs11Module } from '../src/signing/token/pkcs11-module';

const Args = z.object({
  module: z.string().min(1),
  token: z.string().optional(),
  in: z.string().min(1),
  out: z.string().min(1),
  key: z
    .string()
    .regex(/^[0-9a-fA-F]+$/)
    .optional(),
  image: z.string().optional(),
  seal: z.string().optional(),
  reason: z.string().optional(),
  location: z.string().optional(),
  tsa: TsaUrl.optional(),
  page: z.coerce.number().int().positive().optional(),
  rect: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?){3}$/)
    .optional(),
  chain: z.array(z.string()).optional(),
});

const { values } = parseArgs({
  options: {
    module: { type: 'string' }, token: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' },
    key: { type: 'string' }, image: { type: 'string' }, seal: { type: 'string' }, reason: { type: 'string' },
    location: { type: 'string' }, tsa: { type: 'string' }, page: { type: 'string' }, rect: { type: 'string' },
    chain: { type: 'string', multiple: true },
  },
}); // prettier-ignore

const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(`bad arguments: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`); // prettier-ignore
  process.exit(2);
}
const a = parsed.data;
const pin = process.env.PKCS11_PIN;
if (!pin) {
  console.error('set the PIN in the environment variable PKCS11_PIN');
  process.exit(2);
}
let module: Pkcs11Module | undefined;
try {
  module = Pkcs11Module.open(a.module);
  const session = module.login(module.findSlot(a.token), pin);
  try {
    const signer = session.signer({ keyId: a.key?.toLowerCase() });
    const chain = (a.chain ?? []).flatMap((f) => loadCertificates(readFileSync(f)).map((c) => Buffer.from(c.raw))); // prettier-ignore
    const rect = a.rect?.split(',').map(Number) as [number, number, number, number] | undefined;
    await signPdfFile(a.in, a.out, cmsSignerOf(signer), {
      signerName: signer.certificate.commonName,
      page: a.page,
      rect,
      signatureImage: a.image ? readFileSync(a.image) : undefined,
      sealImage: a.seal ? readFileSync(a.seal) : undefined,
      reason: a.reason,
      location: a.location,
    }, { chain, timestamp: a.tsa ? rfc3161Timestamper(a.tsa) : undefined }); // prettier-ignore
    console.log(`signed ${a.out} as ${signer.certificate.commonName}`);
  } finally {
    session.close();
  }
} catch (err) {
  console.error(err instanceof TokenError || err instanceof TimestampError ? `${err.messageVi} [${err.code}] ${err.message}` : `cannot sign: ${(err as Error).message}`); // prettier-ignore
  process.exitCode = 1;
} finally {
  module?.close();
}
