import { searchTokens } from '../domain/text/fold';
import type { WordVocabulary } from './word-vocabulary';

/**
 * Turns what the user typed into FTS5 MATCH expressions. Every token is a quoted string, so
 * quotes, operators (AND, OR, NEAR, *, :, ^) and parentheses in the input are searched as text
 * and never parsed as query syntax. Each token matches the words it starts.
 */
export interface SearchPlan {
  /** Folded words of the query. */
  tokens: string[];
  /** Every token as a whole word: "nguyen" "van". */
  wholeWords: string;
  /** Every token as a word prefix: "nguyen"* "van"*. */
  prefixes: string;
}

export const quoteFts = (token: string) => `"${token.replaceAll('"', '""')}"`;

export function planSearch(query: string): SearchPlan | undefined {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return undefined;
  return {
    tokens,
    wholeWords: tokens.map(quoteFts).join(' '),
    prefixes: tokens.map((t) => `${quoteFts(t)}*`).join(' '),
  };
}

/** Above this many words a prefix stands for only its most frequent ones (the result is partial). */
export const MAX_EXPANSIONS = 128;
/** Identifier prefixes at least this long match few enough terms for an FTS5 prefix query. */
export const SELECTIVE_ID_PREFIX = 6;

/** How each token is looked for. */
export type TokenPlan =
  /** A prefix of name words: the OR of those words. */
  | { kind: 'words'; token: string; words: string[]; complete: boolean }
  /** A number (citizen id, card, code) or a word found in no name: an FTS5 prefix query. */
  | { kind: 'id'; token: string; selective: boolean };

export function planTokens(plan: SearchPlan, vocabulary: WordVocabulary): TokenPlan[] {
  return plan.tokens.map((token) => {
    if (!/\d/.test(token)) {
      const { words, complete } = vocabulary.expand(token, MAX_EXPANSIONS);
      if (words.length > 0) return { kind: 'words', token, words, complete };
    }
    return { kind: 'id', token, selective: token.length >= SELECTIVE_ID_PREFIX };
  });
}

/** The FTS5 expression of token plans: AND of (w1 OR w2 …) groups and prefix terms. */
export function ftsExpression(tokens: readonly TokenPlan[]): string {
  return tokens
    .map((t) =>
      t.kind === 'words' ? `(${t.words.map(quoteFts).join(' OR ')})` : `${quoteFts(t.token)}*`,
    )
    .join(' AND ');
}

/**
 * Relevance tier of a hit, lower first: the whole text equals the query; the tokens (two or more)
 * are the first words in order, as when typing a full name from its start ("nguyen van" →
 * "Nguyễn Văn An" before "Nguyễn Thị Vân"); every token is a whole word and the last one is the
 * final word (for people: the given name); every token is a whole word; prefixes only, the last
 * one starting the final word; prefixes only.
 */
export function relevanceTier(
  plan: SearchPlan,
  words: readonly string[],
  exactKeys: readonly string[],
): number {
  const joined = plan.tokens.join(' ');
  if (exactKeys.includes(joined)) return 0;
  if (plan.tokens.length >= 2 && plan.tokens.every((t, i) => words[i] === t)) return 1;
  const last = plan.tokens[plan.tokens.length - 1] ?? '';
  const finalWord = words[words.length - 1] ?? '';
  const wordSet = new Set(words);
  if (plan.tokens.every((t) => wordSet.has(t))) return finalWord === last ? 2 : 3;
  return finalWord.startsWith(last) ? 4 : 5;
}
