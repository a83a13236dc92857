/**
 * The distinct words of a column (folded names) with how many rows hold each. A prefix the user
 * typed becomes the list of whole words it starts, which FTS5 reads lazily as an OR of terms,
 * instead of a prefix query that first merges the postings of every matching term.
 */
export class WordVocabulary {
  private readonly words: string[];

  constructor(private readonly counts: ReadonlyMap<string, number>) {
    this.words = [...counts.keys()].sort();
  }

  /** Words counted from (text, rows) pairs, split like the FTS5 tokenizer splits them. */
  static fromTexts(texts: Iterable<{ text: string; rows: number }>): WordVocabulary {
    const counts = new Map<string, number>();
    for (const { text, rows } of texts)
      for (const word of text.split(/[^\p{L}\p{N}]+/u))
        if (word !== '') counts.set(word, (counts.get(word) ?? 0) + rows);
    return new WordVocabulary(counts);
  }

  get size(): number {
    return this.words.length;
  }

  /** The words starting with `prefix`, the most frequent first, at most `max`. */
  expand(prefix: string, max: number): { words: string[]; complete: boolean } {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.words[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < this.words.length; i++) {
      const word = this.words[i] ?? '';
      if (!word.startsWith(prefix)) break;
      found.push(word);
    }
    found.sort((a, b) => (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0));
    return { words: found.slice(0, max), complete: found.length <= max };
  }
}
