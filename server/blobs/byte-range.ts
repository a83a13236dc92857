/** One `Range: bytes=…` request (RFC 9110 §14.1.2); several ranges are answered as a whole file. */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * The range to send of a `size`-byte file: null to send it all (no header, a header we do not
 * serve, or several ranges), 'unsatisfiable' for a range past the end (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // A suffix: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}
