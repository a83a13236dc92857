/**
 * A real RFC 3161 time-stamping authority on loopback for tests: `openssl ts -reply` with the test
 * PKI's TSA certificate behind a tiny HTTP server (POST application/timestamp-query →
 * application/timestamp-reply, RFC 3161 §3.4). Requests are answered one at a time because
 * `openssl ts` keeps its serial number in a file.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestPki } from './pki';

const run = promisify(execFile);

export interface TestTsa {
  url: string;
  /** Requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface TestTsaOptions {
  /** Answers every request with this PKIStatus instead (e.g. 2 = rejection) to test refusals. */
  rejectWithStatus?: boolean;
  /** Replaces the reply body (tests of a lying or broken TSA). */
  tamper?: (reply: Buffer) => Buffer;
}

function config(dir: string, pki: TestPki): string {
  return `
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${pki.tsa.certFile}
certs = ${dir}/chain.pem
signer_key = ${pki.tsa.keyFile}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function startTestTsa(
  dir: string,
  pki: TestPki,
  options: TestTsaOptions = {},
): Promise<TestTsa> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'chain.pem'), pki.intermediate.certPem);
  const cnf = join(dir, 'tsa.cnf');
  writeFileSync(cnf, config(dir, pki));
  let requests = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const reply = async (query: Buffer): Promise<Buffer> => {
    const n = ++requests;
    const q = join(dir, `q${n}.tsq`);
    const r = join(dir, `r${n}.tsr`);
    writeFileSync(q, query);
    try {
      await run('openssl', ['ts', '-reply', '-config', cnf, '-queryfile', q, '-out', r]);
      return readFileSync(r);
    } finally {
      rmSync(q, { force: true });
      rmSync(r, { force: true });
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      const job = queue.then(async () => {
        try {
          let body = options.rejectWithStatus
            ? // TimeStampResp { status { rejection(2), failInfo badAlg } }
              Buffer.from('3009300702010203020780', 'hex')
            : await reply(Buffer.concat(chunks));
          if (options.tamper) body = options.tamper(body);
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
        } catch (err) {
          res.writeHead(500).end(String(err));
        }
      });
      queue = job;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
