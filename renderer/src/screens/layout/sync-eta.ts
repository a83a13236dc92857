import type { SyncProgress } from '../../../../src/desktop/contract';

/**
 * Seconds left in a sync at the rate so far, or undefined while there is nothing to go by: no
 * total from the server, nothing pulled yet, or under a second elapsed (the first page's rate
 * says little).
 */
export function syncSecondsLeft(progress: SyncProgress, elapsedMs: number): number | undefined {
  const total = progress.estimatedTotal;
  if (!total || progress.pulled <= 0 || elapsedMs < 1000) return undefined;
  const remaining = Math.max(0, total - progress.pulled);
  return Math.ceil((remaining * elapsedMs) / progress.pulled / 1000);
}

/** "khoảng 3 phút", "khoảng 40 giây", "vài giây nữa"; rounded, since it is an estimate. */
export function formatTimeLeftVi(seconds: number): string {
  if (seconds < 10) return 'vài giây nữa';
  const tens = Math.round(seconds / 10) * 10;
  if (tens < 60) return `khoảng ${tens} giây`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `khoảng ${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `khoảng ${hours} giờ${rest > 0 ? ` ${rest} phút` : ''}`;
}

/** Percent done when the server told the total; capped at 99 until the sync says it finished. */
export function syncPercent(progress: SyncProgress | null): number | undefined {
  const total = progress?.estimatedTotal;
  if (!progress || !total || total <= 0) return undefined;
  return Math.min(99, Math.round((progress.pulled / total) * 100));
}
