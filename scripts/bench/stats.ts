/** The q-quantile (0..1) of timings in ms, nearest-rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** Runs `fn` and returns its duration in ms. */
export async function timed(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** A figure as the bench prints it: `bench <name> key=value …`, fields in the order given. */
export function figureLine(name: string, fields: Record<string, string | number>): string {
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${value}`);
  return [`bench ${name}`, ...pairs].join(' ');
}
