/**
 * Acts as a party member through the central API, so the transfer loop runs without a member
 * portal:
 *
 *   npm run demo:member -- submit-transfer --server http://127.0.0.1:8080 --username dv.duc \
 *     --to <destination cell id> [--variant official|internal|temporary] [--reason "…"] \
 *     [--moved-on 2026-01-02] [--start 2026-02-01 --end 2026-10-31 [--study]] [--attach file.pdf]…
 *   npm run demo:member -- list   --server … --username …
 *   npm run demo:member -- status --server … --username … --id <dossier id>
 *   npm run demo:member -- residence-forms  --server … --username …
 *   npm run demo:member -- residence-report --server … --username … --id <form id> \
 *     --summary "…" --attach report.pdf
 *
 *   npm run demo:member -- register --username … --password … --citizen-id … \
 *     (--card-no … | --profile-no …) [--cell <cell id>] [--phone …] [--deputy | --secretary] \
 *     [--full-name … --birth-date … --sex male|female]   (for a person not on file)
 *   npm run demo:member -- info-change --username … [--phone …] [--residence-cell <cell id>]
 *   npm run demo:member -- position    --username … --deputy | --secretary
 *   npm run demo:member -- cell-change --username … --to <cell id>
 *   npm run demo:member -- account     --username …
 *
 * The account commands are the member's side of "Quản lý tài khoản đảng viên": registration
 * (public, no sign-in), and the requests he files himself, decided by his secretary.
 *
 * The residence commands are the member's side of Quy định 213: his comment forms as pull sends
 * them, and his report on his duties at the residence (the file uploaded as a blob, then the
 * form's `report` action pushed like any outbox entry).
 *
 * The password comes from --password or DEMO_MEMBER_PASSWORD. Prints JSON.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClientError, createApiClient, type ApiClient } from '../src/api/client';
import {
  DemoAccountError,
  fileAccountRequest,
  myAccount,
  registerMember,
} from './demo-member-accounts';
import { pushRoutes } from '../src/api/push';
import { ResidenceFormWire } from '../src/api/residence';
import { apiRoutes } from '../src/api/routes';
import { SubmitTransferRequest, transferRoutes, type DossierView } from '../src/api/transfers';
import { residenceFormStatusLabelVi } from '../src/domain/procedures/residence-form';
import { transferStatusLabelVi } from '../src/domain/procedures/transfer-dossier';

const USAGE =
  'usage: demo-member submit-transfer|list|status|residence-forms|residence-report|register|info-change|position|cell-change|account --server URL --username NAME [options]';

class DemoError extends Error {}

/** An API failure, in the server's words. */
async function answerOf<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ApiClientError) throw new DemoError(`${err.messageVi} (${err.message})`);
    if (err instanceof DemoAccountError) throw new DemoError(err.message);
    throw err;
  }
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
      summary: { type: 'string' },
      'citizen-id': { type: 'string' },
      'card-no': { type: 'string' },
      'profile-no': { type: 'string' },
      cell: { type: 'string' },
      phone: { type: 'string' },
      'residence-cell': { type: 'string' },
      deputy: { type: 'boolean', default: false },
      secretary: { type: 'boolean', default: false },
      'full-name': { type: 'string' },
      'birth-date': { type: 'string' },
      sex: { type: 'string' },
    },
  });
  const command = positionals[0];
  const password = values.password ?? env.DEMO_MEMBER_PASSWORD;
  if (!command || !values.username || !password) throw new DemoError(USAGE);
  const server = values.server!;
  const anonymous = createApiClient({ baseUrl: server, getAccessToken: () => undefined });
  const position = values.secretary ? 'secretary' : values.deputy ? 'deputy_secretary' : undefined;
  // Registration is public: the person has no account to sign in with yet.
  if (command === 'register') {
    if (!values['citizen-id'] || (!values['card-no'] && !values['profile-no']))
      throw new DemoError('register needs --citizen-id and --card-no or --profile-no');
    return answerOf(
      registerMember(anonymous, {
        username: values.username,
        password,
        citizenId: values['citizen-id'],
        ...(values['card-no'] ? { cardNo: values['card-no'] } : {}),
        ...(values['profile-no'] ? { profileNo: values['profile-no'] } : {}),
        ...(values.cell ? { cell: values.cell } : {}),
        ...(values.phone ? { phone: values.phone } : {}),
        ...(position ? { position } : {}),
        ...(values['full-name'] ? { fullName: values['full-name'] } : {}),
        ...(values['birth-date'] ? { birthDate: values['birth-date'] } : {}),
        ...(values.sex ? { sex: values.sex } : {}),
      }),
    );
  }
  const session = await answerOf(anonymous.login({ username: values.username, password }));
  const api = createApiClient({ baseUrl: server, getAccessToken: () => session.accessToken });

  if (command === 'list')
    return (await answerOf(api.request(transferRoutes.myTransfers))).items.map(summary);
  if (command === 'status') {
    if (!values.id) throw new DemoError('status needs --id');
    const params = { id: values.id };
    return summary(await answerOf(api.request(transferRoutes.getTransfer, { params })));
  }
  if (command === 'account') return answerOf(myAccount(api));
  if (command === 'info-change') {
    const changes = {
      ...(values.phone ? { phone: values.phone } : {}),
      ...(values['residence-cell'] ? { residenceOrgId: values['residence-cell'] } : {}),
    };
    if (Object.keys(changes).length === 0)
      throw new DemoError('info-change needs --phone or --residence-cell');
    return answerOf(fileAccountRequest(api, { type: 'file_info_change', changes }));
  }
  if (command === 'position') {
    if (!position) throw new DemoError('position needs --deputy or --secretary');
    return answerOf(fileAccountRequest(api, { type: 'file_position', position }));
  }
  if (command === 'cell-change') {
    if (!values.to) throw new DemoError('cell-change needs --to <cell id>');
    return answerOf(fileAccountRequest(api, { type: 'file_cell_change', toOrgId: values.to }));
  }
  if (command === 'residence-forms') return (await residenceForms(api)).map(formSummary);
  if (command === 'residence-report') {
    const [file, ...more] = values.attach ?? [];
    if (!values.id || !values.summary || !file || more.length > 0)
      throw new DemoError(
        'residence-report needs --id <form id> --summary "…" --attach <one file>',
      );
    return reportOnResidence(api, values.id, values.summary, await upload(api, file));
  }
  if (command !== 'submit-transfer') throw new DemoError(USAGE);
  if (!values.to) throw new DemoError('submit-transfer needs --to <destination cell id>');

  const attachments = [];
  for (const file of values.attach ?? []) attachments.push(await upload(api, file));
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
  return summary(await answerOf(api.request(transferRoutes.submitTransfer, { body: request })));
}

/** Uploads a file as a blob: the attachment that names it. */
async function upload(api: ApiClient, file: string) {
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const info = await answerOf(api.putBlob(sha256, bytes));
  return { ...info, fileName: basename(file) };
}

/** The member's comment forms, as a full pull gives them to him (his own forms only). */
async function residenceForms(api: ApiClient): Promise<(ResidenceFormWire & { rev: number })[]> {
  const forms = new Map<string, ResidenceFormWire & { rev: number }>();
  let cursor: string | undefined;
  for (;;) {
    const page = await answerOf(
      api.request(apiRoutes.pull, { query: { limit: 5000, ...(cursor ? { cursor } : {}) } }),
    );
    for (const c of page.changes)
      if (c.op === 'upsert' && c.entity === 'residenceForm')
        forms.set(c.id, { ...ResidenceFormWire.parse(c.data), rev: c.rev });
    if (!page.hasMore) break;
    cursor = page.nextCursor;
  }
  return [...forms.values()];
}

/** Pushes the form's `report` action on the rev pulled, as the desktop's outbox would. */
async function reportOnResidence(
  api: ApiClient,
  formId: string,
  summary: string,
  file: Awaited<ReturnType<typeof upload>>,
) {
  const form = (await residenceForms(api)).find((f) => f.id === formId);
  if (!form) throw new DemoError(`no residence form ${formId} of yours`);
  const [result] = (
    await answerOf(
      api.request(pushRoutes.push, {
        body: {
          mutations: [
            {
              id: randomUUID(),
              entity: 'residenceForm',
              entityId: formId,
              baseRev: form.rev,
              action: { type: 'report', summary, file },
            },
          ],
        },
      }),
    )
  ).results;
  if (result?.status !== 'applied')
    throw new DemoError(`${result?.messageVi ?? 'Không gửi được báo cáo.'} (${result?.code})`);
  const after = (await residenceForms(api)).find((f) => f.id === formId);
  return after ? formSummary(after) : { id: formId };
}

const formSummary = (f: ResidenceFormWire & { rev: number }) => ({
  id: f.id,
  campaignYear: f.campaignYear,
  status: f.status,
  statusVi: residenceFormStatusLabelVi[f.status],
  residenceOrg: f.orgNames[f.residenceOrgId] ?? f.residenceOrgId,
  workplaceOrg: f.orgNames[f.workplaceOrgId] ?? f.workplaceOrgId,
  reportRequired: f.reportRequired,
  report: f.report ? { summary: f.report.summary, file: f.report.file.fileName } : null,
  dueOn: f.dueOn,
  rev: f.rev,
});

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
