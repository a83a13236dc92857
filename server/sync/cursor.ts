/**
 * The pull cursor is opaque to clients: `base64url("v1.<scopeHash>.<rev>")`. The scope hash ties
 * a cursor to the scope it was made for, so a changed scope is detected instead of silently
 * leaving rows the client should now have (or must no longer keep).
 */
const VERSION = 'v1';

export interface PullCursor {
  scopeHash: string;
  rev: number;
}

export type DecodedCursor =
  | { ok: true; cursor: PullCursor }
  /** Well-formed but from another cursor format: the client must start again. */
  | { ok: false; reason: 'stale' }
  | { ok: false; reason: 'malformed' };

export function encodeCursor(cursor: PullCursor): string {
  return Buffer.from(`${VERSION}.${cursor.scopeHash}.${cursor.rev}`).toString('base64url');
}

export function decodeCursor(text: string): DecodedCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return { ok: false, reason: 'malformed' };
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('.');
  const [version, scopeHash, rev] = parts;
  if (parts.length !== 3 || !version || !scopeHash || !rev || !/^v\d+$/.test(version))
    return { ok: false, reason: 'malformed' };
  if (version !== VERSION) return { ok: false, reason: 'stale' };
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(scopeHash) || !/^(0|[1-9]\d{0,15})$/.test(rev))
    return { ok: false, reason: 'malformed' };
  return { ok: true, cursor: { scopeHash, rev: Number(rev) } };
}
