/**
 * Benchmarks (DESIGN.md, testing): one line per figure.
 *   npm run bench                          every figure, province tier
 *   npm run bench -- sync search tree     the figures whose names start with these
 *                                          (also ui, sign, sign.residence, verify, push,
 *                                          fees, readiness)
 *   npm run bench -- --tier ward --seed 1  another tier or seed (sync, search, tree)
 * The tier is generated once into a server SQLite file under the OS temp dir and reused.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openClientDb } from '../../src/db/client-db';
import { BENCH_DIR, serverDbFile, syncedCacheFile, type Tier } from './fixture';
import { benchLikeSearch, benchSearch, benchTree, p, searchCases } from './query-bench';
import { figureLine, ms } from './stats';
import { encryptedAndPlainSync, initialSync, rawInsert, rawLine, syncLine } from './sync-bench';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tier: { type: 'string', default: 'province' },
    seed: { type: 'string', default: '1' },
  },
});
const tier = values.tier as Tier;
if (tier !== 'ward' && tier !== 'province') throw new Error(`unknown tier ${tier}`);
const seed = Number(values.seed);

const figures = {
  sync: [
    `sync.${tier}.initial`,
    `sync.${tier}.initial_plain`,
    `sync.${tier}.raw`,
    `sync.${tier}.raw_without_fts`,
  ],
  search: [
    `search.${tier}`,
    `search.${tier}.like`,
    `search.${tier}.members`,
    `search.${tier}.orgs`,
  ],
  tree: [`tree.${tier}`, `tree.${tier}.children`, `tree.${tier}.ancestors`, `tree.${tier}.subtree`],
  ui: ['ui.first_paint', 'ui.province_children', 'ui.lag_during_sync'],
  sign: ['sign.batch', 'sign.large'],
  signResidence: ['sign.residence', 'sign.residence.render', 'sign.residence.lag'],
  verify: ['verify.letter', 'verify.scan20mb'],
  push: ['push.sqlite', 'push.postgres'],
  fees: [`fees.approve.${tier}`, `fees.approve.${tier}.postgres`, 'fees.ledger.ward'],
  readiness: [`readiness.${tier}`, `readiness.${tier}.dashboard`],
};
const wanted = (name: string) =>
  positionals.length === 0 || positionals.some((prefix) => name.startsWith(prefix));
const selected = (group: keyof typeof figures) => figures[group].some(wanted);
const print = (name: string, line: string) => {
  if (wanted(name)) console.log(line);
};
const distribution = (name: string, t: number[]) =>
  print(
    name,
    figureLine(name, {
      n: t.length,
      p50_ms: ms(p(t, 0.5)),
      p95_ms: ms(p(t, 0.95)),
      max_ms: ms(Math.max(...t)),
    }),
  );

console.error(
  `# ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
);

if (selected('sync') || selected('search') || selected('tree')) {
  const serverFile = await serverDbFile(tier, seed);
  if (selected('sync') || !existsSync(syncedCacheFile(serverFile))) {
    if (selected('sync')) {
      // What the app does: the cache encrypted (docs/decisions/0018); cipher_ratio is its cost.
      const rounds = tier === 'ward' ? 3 : 1;
      const { encrypted, plain: sync } = await encryptedAndPlainSync(serverFile, rounds);
      const scratch = join(BENCH_DIR, `raw-${process.pid}.sqlite`);
      const raw = await rawInsert(syncedCacheFile(serverFile), scratch, true);
      const rawNoFts = await rawInsert(syncedCacheFile(serverFile), scratch, false);
      print(`sync.${tier}.initial`, syncLine(`sync.${tier}.initial`, encrypted, raw, sync));
      print(`sync.${tier}.initial_plain`, syncLine(`sync.${tier}.initial_plain`, sync, raw));
      print(`sync.${tier}.raw`, rawLine(`sync.${tier}.raw`, raw));
      print(`sync.${tier}.raw_without_fts`, rawLine(`sync.${tier}.raw_without_fts`, rawNoFts));
      console.error(`# initial sync: ${sync.pages} pages`);
    } else {
      await initialSync(serverFile);
    }
  }

  const cache = await openClientDb(syncedCacheFile(serverFile));
  try {
    if (selected('search')) {
      const cases = searchCases(cache, seed);
      const ours = await benchSearch(cache, cases);
      const like = await benchLikeSearch(cache, cases);
      const ratio = p(ours.all, 0.95) / p(like.all, 0.95);
      print(
        `search.${tier}`,
        figureLine(`search.${tier}`, {
          p50_ms: ms(p(ours.all, 0.5)),
          p95_ms: ms(p(ours.all, 0.95)),
          ratio_vs_like: ratio.toFixed(3),
        }),
      );
      print(
        `search.${tier}.like`,
        `bench search.${tier}.like p50_ms=${ms(p(like.all, 0.5))} p95_ms=${ms(p(like.all, 0.95))}`,
      );
      distribution(`search.${tier}.members`, ours.byKind.member ?? []);
      distribution(`search.${tier}.orgs`, ours.byKind.org ?? []);
    }
    if (selected('tree')) {
      const tree = await benchTree(cache, seed);
      print(`tree.${tier}`, `bench tree.${tier} p95_ms=${ms(p(tree.all, 0.95))}`);
      for (const kind of ['children', 'ancestors', 'subtree'])
        distribution(`tree.${tier}.${kind}`, tree.byKind[kind] ?? []);
    }
  } finally {
    await cache.close();
  }
}

/** Benchmarks of other parts, loaded only when selected (Chromium, SoftHSM). */
const external: Partial<Record<keyof typeof figures, () => Promise<string[]>>> = {
  ui: async () => (await import('./ui')).benchUi(),
  sign: async () => (await import('./sign')).benchSign(),
  signResidence: async () => (await import('./sign-residence')).benchSignResidence(),
  verify: async () => (await import('./verify-bench')).benchVerify(),
  push: async () => (await import('./push-bench')).benchPush(),
  fees: async () => (await import('./fees-bench')).benchFees(tier, seed),
  readiness: async () => (await import('./readiness-bench')).benchReadiness(tier, seed),
};
for (const [group, run] of Object.entries(external)) {
  if (!selected(group as keyof typeof figures)) continue;
  for (const line of await run()) {
    // "bench <figure>[=…] …": keep the figures asked for.
    const figure = line.split(' ')[1]?.split('=')[0] ?? '';
    if (wanted(figure)) console.log(line);
  }
}
