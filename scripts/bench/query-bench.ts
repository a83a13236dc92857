import type { ClientDb } from '../../src/db/client-db';
import { createDesktopService, type DesktopService } from '../../src/desktop/desktop-service';
import { searchTokens } from '../../src/domain/text/fold';
import { Rng } from '../gen/prng';
import { percentile, timed } from './stats';

export interface Timings {
  all: number[];
  byKind: Record<string, number[]>;
}

type SearchCase = { kind: 'member' | 'org'; q: string };

/**
 * 200 searches drawn from the cache with a fixed seed: member name prefixes with diacritics and
 * without, given names, citizen id prefixes, org codes and org names.
 */
export function searchCases(cache: ClientDb, seed: number, count = 200): SearchCase[] {
  const rng = new Rng(seed, 'bench/search');
  const sample = <T>(sqlText: string) => cache.handle.prepare(sqlText).all() as T[];
  const names = sample<{ full_name: string; citizen_id: string }>(
    'select full_name, citizen_id from members where rowid % 97 = 0',
  );
  const orgs = sample<{ name: string; code: string }>(
    'select name, code from orgs where rowid % 7 = 0',
  );
  const fold = (s: string) => searchTokens(s).join(' ');
  /** The words of a name, the last one cut to a prefix as while typing. */
  const typing = (fullName: string) => {
    const words = fullName.split(' ');
    const keep = rng.int(1, words.length);
    const last = words[keep - 1] ?? '';
    return [...words.slice(0, keep - 1), last.slice(0, rng.int(1, last.length))].join(' ');
  };
  const cases: SearchCase[] = [];
  while (cases.length < count) {
    const m = rng.pick(names);
    const o = rng.pick(orgs);
    const roll = rng.next();
    if (roll < 0.3) cases.push({ kind: 'member', q: typing(m.full_name) });
    else if (roll < 0.55) cases.push({ kind: 'member', q: fold(typing(m.full_name)) });
    else if (roll < 0.65)
      cases.push({ kind: 'member', q: fold(m.full_name.split(' ').at(-1) ?? '') });
    else if (roll < 0.8) cases.push({ kind: 'member', q: m.citizen_id.slice(0, rng.int(4, 12)) });
    else if (roll < 0.9) cases.push({ kind: 'org', q: o.code.slice(0, rng.int(3, o.code.length)) });
    else cases.push({ kind: 'org', q: rng.chance(0.5) ? typing(o.name) : fold(typing(o.name)) });
  }
  return cases;
}

async function runSearch(api: DesktopService, c: SearchCase) {
  const result =
    c.kind === 'member'
      ? await api.searchMembers({ q: c.q, limit: 50 })
      : await api.searchOrgs({ q: c.q, limit: 50 });
  if (!result.ok) throw new Error(`search ${c.q}: ${result.error.message}`);
  return result.value.items.length;
}

export async function benchSearch(cache: ClientDb, cases: SearchCase[]): Promise<Timings> {
  const api = createDesktopService({ cache, serverUrl: 'http://127.0.0.1:9' });
  for (const c of cases.slice(0, 20)) await runSearch(api, c); // warm-up
  const timings: Timings = { all: [], byKind: {} };
  for (const c of cases) {
    const t = await timed(() => runSearch(api, c));
    timings.all.push(t);
    (timings.byKind[c.kind] ??= []).push(t);
  }
  return timings;
}

/** The baseline: the same searches as LIKE scans of the folded columns. */
export async function benchLikeSearch(cache: ClientDb, cases: SearchCase[]): Promise<Timings> {
  const members = (n: number) =>
    cache.handle.prepare(
      `select id, full_name, sort_key from members
       where ${Array.from({ length: n }, () => `(name_folded like ? or citizen_id like ? or card_no like ?)`).join(' and ')}
       order by sort_key limit 50`,
    );
  const orgs = (n: number) =>
    cache.handle.prepare(
      `select id, name from orgs
       where ${Array.from({ length: n }, () => `(name_folded like ? or code like ?)`).join(' and ')}
       order by name_folded limit 50`,
    );
  const timings: Timings = { all: [], byKind: {} };
  for (const c of cases) {
    const tokens = searchTokens(c.q);
    if (tokens.length === 0) continue;
    const args = tokens.flatMap((t) =>
      c.kind === 'member' ? [`%${t}%`, `${t}%`, `${t}%`] : [`%${t}%`, `${t}%`],
    );
    const stmt = c.kind === 'member' ? members(tokens.length) : orgs(tokens.length);
    const t = await timed(() => stmt.all(...args));
    timings.all.push(t);
    (timings.byKind[c.kind] ??= []).push(t);
  }
  return timings;
}

/** Children, breadcrumb and the first subtree page of orgs drawn with a fixed seed. */
export async function benchTree(cache: ClientDb, seed: number, count = 300): Promise<Timings> {
  const api = createDesktopService({ cache, serverUrl: 'http://127.0.0.1:9' });
  const rng = new Rng(seed, 'bench/tree');
  const ids = cache.handle.prepare('select id from orgs').pluck().all() as string[];
  // Committees more often than cells: those are the nodes people open.
  const committees = cache.handle
    .prepare(`select id from orgs where type not in ('grassroots_cell', 'affiliated_cell')`)
    .pluck()
    .all() as string[];
  const calls = {
    children: (orgId: string) => api.orgChildren({ orgId }),
    ancestors: (orgId: string) => api.orgAncestors({ orgId }),
    subtree: (orgId: string) => api.orgSubtree({ orgId, limit: 500 }),
  };
  const kinds = Object.keys(calls) as (keyof typeof calls)[];
  for (const id of ids.slice(0, 10)) for (const k of kinds) await calls[k](id); // warm-up
  const timings: Timings = { all: [], byKind: {} };
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length] ?? 'children';
    const orgId = rng.chance(0.6) ? rng.pick(committees) : rng.pick(ids);
    const t = await timed(async () => {
      const r = await calls[kind](orgId);
      if (!r.ok) throw new Error(`${kind} ${orgId}: ${r.error.message}`);
    });
    timings.all.push(t);
    (timings.byKind[kind] ??= []).push(t);
  }
  return timings;
}

export const p = (values: number[], q: number) => percentile(values, q);
