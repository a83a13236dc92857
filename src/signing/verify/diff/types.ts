/** What the difference analysis reports for one signature: every change after its revision. */

export type ChangeVerdict = 'allowed' | 'harmless' | 'disallowed';

export interface ModificationChange {
  /** Object number, or null for a change of the file's structure (sections, trailer). */
  object: number | null;
  /** What the object is: 'page content', 'catalog', 'signature widget', 'font', … */
  kind: string;
  verdict: ChangeVerdict;
  /** Precise English detail for logs. */
  detail: string;
}

export interface ModificationReport {
  /** No disallowed change after the signed revision. */
  allowed: boolean;
  changes: ModificationChange[];
  /** DocMDP permission level of a certification signature at or before this revision. */
  docMdp?: 1 | 2 | 3;
}
