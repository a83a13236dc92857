/**
 * The authorization matrix (docs/decisions/0016-authorization-model.md): every route of the route
 * table and every push mutation type × every role × an object in and out of the caller's scope,
 * with the answer the declared access (src/api/access.ts) implies. The test
 * (server/authorization-matrix.test.ts) makes each request against a real server; the table in
 * docs/authorization-matrix.md is rendered from the same data (scripts/authorization-matrix.ts).
 */
import { ScopeRules, type Access } from '../../src/api/access';
import { pushMutationAccess } from '../../src/api/push';
import { ACCOUNT_ROUTE_CASES } from './authorization-matrix/account-route-cases';
import { CORE_ROUTE_CASES } from './authorization-matrix/core-route-cases';
import { FEE_ROUTE_CASES } from './authorization-matrix/fee-route-cases';
import { HOLIDAY_ROUTE_CASES } from './authorization-matrix/holiday-route-cases';
import { IMAGE_ROUTE_CASES } from './authorization-matrix/image-route-cases';
import { IMPORT_ROUTE_CASES } from './authorization-matrix/import-route-cases';
import {
  ACTORS,
  expectedAnswer,
  mutationKey,
  routeTable,
  type Actor,
  type Answer,
  type Build,
  type Case,
  type RouteCase,
} from './authorization-matrix/model';
import { MUTATION_CASES } from './authorization-matrix/mutation-cases';
import { ORG_ADMIN_ROUTE_CASES } from './authorization-matrix/org-admin-route-cases';
import { USER_ADMIN_ROUTE_CASES } from './authorization-matrix/user-admin-route-cases';
import { OVERSIGHT_ROUTE_CASES } from './authorization-matrix/oversight-route-cases';

export { ACTORS, MUTATION_CASES, mutationKey, routeTable };
export type { Answer, MatrixRequest, World } from './authorization-matrix/model';

/** The cases of every route, by route key. */
export const ROUTE_CASES: Record<string, RouteCase> = {
  ...CORE_ROUTE_CASES,
  ...ORG_ADMIN_ROUTE_CASES,
  ...FEE_ROUTE_CASES,
  ...ACCOUNT_ROUTE_CASES,
  ...USER_ADMIN_ROUTE_CASES,
  ...HOLIDAY_ROUTE_CASES,
  ...IMAGE_ROUTE_CASES,
  ...OVERSIGHT_ROUTE_CASES,
  ...IMPORT_ROUTE_CASES,
};

/** One row of the matrix: what a request of an actor on a route or mutation type must answer. */
export interface MatrixRow {
  key: string;
  access: Access;
  actor: Actor;
  kase: Case;
  expected: Answer;
  build: Build;
}

/** Every row: each case of each route and mutation type for each actor. */
export function matrixRows(): MatrixRow[] {
  const table = routeTable();
  const entries: [string, Access, RouteCase][] = [
    ...Object.entries(ROUTE_CASES).map(([key, c]): [string, Access, RouteCase] => {
      const spec = table[key];
      if (!spec) throw new Error(`matrix case ${key} is not a route`);
      return [key, spec.access, c];
    }),
    ...Object.entries(pushMutationAccess).map(([entity, access]): [string, Access, RouteCase] => {
      const c = MUTATION_CASES[mutationKey(entity)];
      if (!c) throw new Error(`no matrix case for push mutation ${entity}`);
      return [mutationKey(entity), access, c];
    }),
  ];
  const rows: MatrixRow[] = [];
  for (const [key, access, c] of entries)
    for (const actor of ACTORS) {
      // A push answers 200 with a result per mutation: every refusal is 'forbidden' (403).
      const expected = (kase: Case) => {
        const answer = expectedAnswer(access, actor, kase, c.success);
        return key.startsWith('push ') && answer === '404' ? '403' : answer;
      };
      rows.push({ key, access, actor, kase: 'in', expected: expected('in'), build: c.in });
      // The root's admin has nothing out of scope; the anonymous caller is refused anyway.
      if (c.out && actor.group !== 'top')
        rows.push({ key, access, actor, kase: 'out', expected: expected('out'), build: c.out });
    }
  return rows;
}

const roleList = (access: Access) =>
  access.roles === 'any' ? 'any' : access.roles.map((r) => `\`${r}\``).join(', ');

/** docs/authorization-matrix.md, from the declarations and the cases. */
export function renderMatrixMarkdown(): string {
  const rows = matrixRows();
  const cell = (key: string, actor: Actor) => {
    const of = (kase: Case) =>
      rows.find((r) => r.key === key && r.actor.key === actor.key && r.kase === kase)?.expected;
    const inAnswer = of('in');
    const outAnswer = of('out');
    return outAnswer ? `${inAnswer} / ${outAnswer}` : `${inAnswer}`;
  };
  const keys = [...new Set(rows.map((r) => r.key))];
  const accessOf = (key: string) => rows.find((r) => r.key === key)!.access;
  const whyOf = (key: string) => (ROUTE_CASES[key] ?? MUTATION_CASES[key])?.why ?? '';
  const header = `| Route | Roles | Scope | ${ACTORS.map((a) => a.key).join(' | ')} | Note |`;
  const line = `|${' --- |'.repeat(ACTORS.length + 4)}`;
  const body = keys.map((key) => {
    const access = accessOf(key);
    const cells = ACTORS.map((a) => cell(key, a)).join(' | ');
    return `| \`${key}\` | ${roleList(access)} | \`${access.scope}\` | ${cells} | ${whyOf(key)} |`;
  });
  return [
    '# Authorization matrix',
    '',
    'Generated from the access declarations of the route table (`src/api/access.ts`, the `access`',
    'field of every route and `pushMutationAccess`) by `server/test-support/authorization-matrix.ts`;',
    '`npx tsx scripts/authorization-matrix.ts` rewrites it and `server/authorization-matrix.test.ts`',
    'fails when it differs. The same test makes every request below against a real server, on',
    'SQLite and on PostgreSQL. Decision record: `docs/decisions/0016-authorization-model.md`.',
    '',
    'Each cell: the answer to a request on an object **in** the caller’s scope / on one **out** of',
    'it (one answer for routes that name no object). `ok` is 2xx; `pass` is authorized but',
    'answered by the domain (see the note: 400, 409, 503 — never 401, 403 or 404); for push',
    'mutation types `403` is the result `forbidden`.',
    '',
    'Callers: ' + ACTORS.map((a) => `\`${a.key}\` (${a.describeVi})`).join(', ') + '.',
    'In scope means the ward’s objects for staff, the caller’s own for the member (its record,',
    'account, dossier, payment, certificate; its cell for org reads) and everything for the root’s',
    'admin, who has no out-of-scope column. Out of scope is another ward’s object for staff and a',
    'cellmate’s (or another cell) for the member.',
    '',
    '## Scope rules',
    '',
    ...Object.entries(ScopeRules).map(([rule, text]) => `- \`${rule}\`: ${text}`),
    '',
    '## Matrix',
    '',
    header,
    line,
    ...body,
    '',
  ].join('\n');
}
