/**
 * Acts as a party member through the central API, so the transfer loop runs without a member
 * portal:
 *
 *   npm run demo:member -- submit-transfer --server http://127.0.0.1:8080 --username dv.duc \
 *     --to <destination cell id> [--variant official|internal|temporary] [--reason "…"] \
 *     [--moved-on 2026-01-02] [--start 2026-02-01 --end 2026-10-31 [--study]] [--attach file.pdf]…
 *   npm run demo:member -- list   --server … --username …
 *   npm run demo:member -- status --server … --username … --id <dossier id>
 *
 * The password comes from --password or DEMO_MEMBER_PASSWORD. Prints JSON.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { BlobInfo } from '../src/api/blobs';
import { ApiError } from '../src/api/errors';
import { Session } from '../src/api/auth';
import { DossierView, MyTransfersResponse, SubmitTransferRequest } from '../src/api/transfers';
import { transferStatusLabelVi } from '../src/domain/procedures/transfer-dossier';

const USAGE =
  'usage: demo-member submit-transfer|list|status --server URL --username NAME [options]';

class DemoError extends Error {}

async function call(
  server: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; bytes?: Buffer } = {},
): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.bytes) {
    headers['content-type'] = 'application/octet-stream';
    body = new Uint8Array(opts.bytes);
  }
  const res = await fetch(`${server.replace(/\/+$/, '')}${path}`, { method, headers, body });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ApiError.safeParse(data);
    throw new DemoError(
      err.success ? `${err.data.messageVi} (${err.data.message})` : `HTTP ${res.status}`,
    );
  }
  return data;
}

/** Runs one command; returns what it prints. Exported for the tests. */
export async function runDemoMember(argv: string[], env = process.env): Promise<unknown> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string', default: env.DEMO_SERVER ?? 'http://127.0.0.1:8080' },
      username: { type: 'string' },
      password: { type: 'string' },
      to: { type: 'string' },
      variant: { type: 'string', default: 'official' },
      reason: { type: 'string', default: 'Chuyển nơi cư trú' },
      'moved-on': { type: 'string' },
      address: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      study: { type: 'boolean', default: false },
      attach: { type: 'string', multiple: true, default: [] },
      id: { type: 'string' },
    },
  });
  const command = positionals[0];
  const password = values.password ?? env.DEMO_MEMBER_PASSWORD;
  if (!command || !values.username || !password) throw new DemoError(USAGE);
  const server = values.server!;
  const session = Session.parse(
    await call(server, 'POST', '/v1/auth/login', {
      json: { username: values.username, password },
    }),
  );
  const token = session.accessToken;

  if (command === 'list')
    return MyTransfersResponse.parse(
      await call(server, 'GET', '/v1/me/transfers', { token }),
    ).items.map(summary);
  if (command === 'status') {
    if (!values.id) throw new DemoError('status needs --id');
    const dossier = await call(server, 'GET', `/v1/transfers/${values.id}`, { token });
    return summary(DossierView.parse(dossier));
  }
  if (command !== 'submit-transfer') throw new DemoError(USAGE);
  if (!values.to) throw new DemoError('submit-transfer needs --to <destination cell id>');

  const attachments = [];
  for (const file of values.attach ?? []) {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const info = BlobInfo.parse(await call(server, 'PUT', `/v1/blobs/${sha256}`, { token, bytes }));
    attachments.push({ ...info, fileName: basename(file) });
  }
  const today = new Date().toISOString().slice(0, 10);
  const request = SubmitTransferRequest.parse({
    id: randomUUID(),
    variant: values.variant,
    form: {
      destinationOrgId: values.to,
      reason: values.reason,
      movedOn: values['moved-on'] ?? today,
      newAddress: values.address ?? null,
      temporary:
        values.variant === 'temporary'
          ? { startOn: values.start, endOn: values.end, fullTimeStudy: values.study }
          : null,
    },
    attachments,
  });
  const submitted = await call(server, 'POST', '/v1/transfers', { token, json: request });
  return summary(DossierView.parse(submitted));
}

const summary = (d: DossierView) => ({
  id: d.id,
  variant: d.variant,
  status: d.status,
  statusVi: transferStatusLabelVi[d.status],
  currentOrgId: d.currentOrgId,
  route: d.route.orgIds,
  presentBy: d.presentBy,
  overdue: d.overdue,
  rev: d.rev,
  history: d.history.map((e) => `${e.at} ${e.type} ${e.actorName}`),
});

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemoMember(process.argv.slice(2)).then(
    (out) => console.log(JSON.stringify(out, null, 2)),
    (err: unknown) => {
      console.error(err instanceof DemoError ? err.message : err);
      process.exit(1);
    },
  );
}
