/**
 * `npm run -s sign`: signs one PDF on a PKCS#11 token, as an incremental PAdES signature. The
 * signature carries the CA certificates between the signer and the root, taken from the token
 * and completed from SIGNING_TRUST_ANCHORS and `--chain` files, so a verifier holding only the
 * root can build the path. With trust anchors configured and the CA's OCSP responders or CRLs
 * reachable, revocation data for the whole path is appended in a DSS (PAdES B-LT; `--no-lt`
 * skips it). The PIN comes from PKCS11_PIN, never from the command line.
 */
import type { X509Certificate } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { addLtv } from '../pdf/dss';
import { signPdfFile, type PdfSignOptions } from '../pdf/sign-pdf';
import { caCertificatesOn, embeddedChain } from '../token/ca-chain';
import { cmsSignerOf } from '../token/cms-signer';
import { TokenError } from '../token/errors';
import { Pkcs11Module } from '../token/pkcs11-module';
import { rfc3161Timestamper, TimestampError, TsaUrl } from '../tsa/tsa-client';
import { loadCertificates } from '../verify/chain';

export const SIGN_USAGE =
  'usage: sign --module LIB --token LABEL --in IN.pdf --out OUT.pdf [--key ID_HEX] ' +
  '[--image SIG.png] [--seal SEAL.png] [--reason TEXT] [--location TEXT] [--tsa URL] [--page N] ' +
  '[--rect x,y,w,h] [--chain CA.pem ...] [--no-lt]   (PIN in PKCS11_PIN; intermediates and ' +
  'the roots for B-LT from SIGNING_TRUST_ANCHORS)';

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
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .optional(),
  chain: z.array(z.string()).optional(),
  'no-lt': z.boolean().optional(),
});
type SignArgs = z.output<typeof Args>;

const text = { type: 'string' } as const;
const OPTIONS = {
  module: text,
  token: text,
  in: text,
  out: text,
  key: text,
  image: text,
  seal: text,
  reason: text,
  location: text,
  tsa: text,
  page: text,
  rect: text,
  chain: { type: 'string', multiple: true },
  'no-lt': { type: 'boolean' },
} as const;

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit code 2: unusable arguments or set-up (nothing tried on the token). */
class UsageError extends Error {}

function parse(argv: string[]): SignArgs {
  let values: unknown;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (err) {
    throw new UsageError(`bad arguments: ${(err as Error).message}`);
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`bad arguments: ${issues.join('; ')}`);
  }
  return parsed.data;
}

function certificatesFrom(file: string, what: string): X509Certificate[] {
  try {
    return loadCertificates(readFileSync(file));
  } catch (err) {
    throw new UsageError(
      `${what}: cannot read certificates from ${file}: ${(err as Error).message}`,
    );
  }
}

/** Intermediates the operator provides: SIGNING_TRUST_ANCHORS, then each `--chain` file. */
function configuredCertificates(a: SignArgs, env: NodeJS.ProcessEnv): X509Certificate[] {
  const anchorsFile = env.SIGNING_TRUST_ANCHORS?.trim();
  return [
    ...(anchorsFile ? certificatesFrom(anchorsFile, 'SIGNING_TRUST_ANCHORS') : []),
    ...(a.chain ?? []).flatMap((f) => certificatesFrom(f, '--chain')),
  ];
}

function appearanceOf(a: SignArgs, signerName: string): PdfSignOptions {
  return {
    signerName,
    page: a.page,
    rect: a.rect,
    signatureImage: a.image ? readFileSync(a.image) : undefined,
    sealImage: a.seal ? readFileSync(a.seal) : undefined,
    reason: a.reason,
    location: a.location,
  };
}

/**
 * B-LT: the revocation data of the new signature's path appended in a DSS, written over the output
 * through a temporary file. Signing has succeeded already, so a missing answer is only reported.
 */
async function addLongTermData(out: string, anchors: X509Certificate[], io: CommandIo) {
  const result = await addLtv(readFileSync(out), { trustAnchors: anchors });
  if (result.added) {
    writeFileSync(`${out}.lt-tmp`, result.pdf);
    renameSync(`${out}.lt-tmp`, out);
  }
  const level = !result.added ? 'not added' : result.complete ? 'added' : 'partly added';
  const why = result.problems.length > 0 ? `: ${result.problems.join('; ')}` : '';
  io.out(`B-LT revocation data ${level}${why}`);
}

async function sign(a: SignArgs, pin: string, configured: X509Certificate[], io: CommandIo) {
  const module = Pkcs11Module.open(a.module);
  try {
    const slot = module.findSlot(a.token);
    const onToken = module.listCertificates(slot);
    const session = module.login(slot, pin);
    try {
      const signer = session.signer({ keyId: a.key?.toLowerCase() });
      const tokenCas = caCertificatesOn(onToken, signer.keyId);
      const chain = embeddedChain(signer.certificate.der, tokenCas, configured);
      const timestamp = a.tsa ? rfc3161Timestamper(a.tsa) : undefined;
      const appearance = appearanceOf(a, signer.certificate.commonName);
      await signPdfFile(a.in, a.out, cmsSignerOf(signer), appearance, { chain, timestamp });
      io.out(
        `signed ${a.out} as ${signer.certificate.commonName} (${chain.length} CA certificates embedded)`,
      );
      if (!a['no-lt'] && configured.length > 0) await addLongTermData(a.out, configured, io);
    } finally {
      session.close();
    }
  } finally {
    module.close();
  }
}

/** Runs the command; returns the exit code (0 signed, 1 signing failed, 2 bad usage). */
export async function runSign(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo,
): Promise<number> {
  let a: SignArgs;
  let configured: X509Certificate[];
  try {
    a = parse(argv);
    configured = configuredCertificates(a, env);
  } catch (err) {
    io.err((err as Error).message);
    io.err(SIGN_USAGE);
    return 2;
  }
  const pin = env.PKCS11_PIN;
  if (!pin) {
    io.err('set the PIN in the environment variable PKCS11_PIN');
    return 2;
  }
  try {
    await sign(a, pin, configured, io);
    return 0;
  } catch (err) {
    const known = err instanceof TokenError || err instanceof TimestampError;
    io.err(
      known
        ? `${err.messageVi} [${err.code}] ${err.message}`
        : `cannot sign: ${(err as Error).message}`,
    );
    return 1;
  }
}
