import { searchTokens } from './fold';

/**
 * One rule for every name filter, on the server and in the app: the query and the text are folded
 * alike (searchTokens), every word of the query must occur in the text, and the closest matches
 * come first. "dan pho so 1" finds "Tổ dân phố số 1" and puts it before "Tổ dân phố số 10"; "tran
 * thi thu ha" puts "Trần Thị Thu Hà" before "Trần Khắc Thịnh".
 */
export const MatchTier = {
  /** The text is the query (case, tone marks and punctuation aside). */
  exact: 0,
  /** The text begins with the query's words: "tran thi" → "Trần Thị Thu Hà". */
  prefix: 1,
  /** The query's words stand together, in order, as whole words: "so 1" → "Tổ dân phố số 1". */
  phrase: 2,
  /** Every word of the query is a whole word of the text. */
  words: 3,
  /** The text begins with the query, its last word still being typed: "tran thi" → "Trần Thịnh". */
  typing: 4,
  /** Every word of the query begins a word of the text: "thi" → "Thịnh". */
  wordStarts: 5,
  /** Every word of the query occurs somewhere in the text. */
  inside: 6,
} as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

/** The folded words of a query; empty when there is nothing to search for. */
export type FoldedQuery = readonly string[];

export const foldQuery = (query: string): FoldedQuery => searchTokens(query);

/** A text folded once for matching: lists searched at every keystroke keep it. */
export interface FoldedText {
  /** searchTokens of the text. */
  readonly words: readonly string[];
  /** The words joined by single spaces. */
  readonly joined: string;
}

export function foldText(text: string): FoldedText {
  const words = searchTokens(text);
  return { words, joined: words.join(' ') };
}

/** How well `text` matches the query (lower is better); null when it does not match. */
export const matchTier = (query: FoldedQuery, text: string): MatchTier | null =>
  matchTierOf(query, foldText(text));

/** matchTier over a text folded beforehand (foldText). */
export function matchTierOf(query: FoldedQuery, { words, joined }: FoldedText): MatchTier | null {
  if (query.length === 0) return MatchTier.inside;
  if (!query.every((token) => joined.includes(token))) return null;
  const wanted = query.join(' ');
  if (joined === wanted) return MatchTier.exact;
  if (joined.startsWith(`${wanted} `)) return MatchTier.prefix;
  if (` ${joined} `.includes(` ${wanted} `)) return MatchTier.phrase;
  if (query.every((token) => words.includes(token))) return MatchTier.words;
  if (joined.startsWith(wanted)) return MatchTier.typing;
  if (query.every((token) => words.some((word) => word.startsWith(token))))
    return MatchTier.wordStarts;
  return MatchTier.inside;
}

/** The text matches the query (every word of it occurs, folded). */
export const matchesQuery = (query: FoldedQuery, text: string): boolean =>
  matchTier(query, text) !== null;

/**
 * The items that match, best tier first; within a tier the given order is kept (the list's own
 * order, e.g. by name). `textsOf` may give several texts (name, username): the best one counts.
 */
export function rankMatches<T>(
  items: readonly T[],
  query: string | FoldedQuery,
  textsOf: (item: T) => string | readonly string[],
): T[] {
  const folded = typeof query === 'string' ? foldQuery(query) : query;
  if (folded.length === 0) return [...items];
  const ranked: { item: T; tier: number; index: number }[] = [];
  items.forEach((item, index) => {
    const texts = textsOf(item);
    let best: number | null = null;
    for (const text of typeof texts === 'string' ? [texts] : texts) {
      const tier = matchTier(folded, text);
      if (tier !== null && (best === null || tier < best)) best = tier;
    }
    if (best !== null) ranked.push({ item, tier: best, index });
  });
  ranked.sort((a, b) => a.tier - b.tier || a.index - b.index);
  return ranked.map((r) => r.item);
}
