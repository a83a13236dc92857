import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from './connectivity';

describe('startHeartbeat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports each probe result, one probe at a time', async () => {
    vi.useFakeTimers();
    const answers = ['answered', 'unreachable', 'answered'] as const;
    let running = 0;
    let calls = 0;
    let maxRunning = 0;
    const results: boolean[] = [];
    const beat = startHeartbeat({
      intervalMs: 1000,
      probe: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        running--;
        return answers[calls++] ?? 'answered';
      },
      onResult: (online) => results.push(online),
    });
    await vi.advanceTimersByTimeAsync(1000 + 3000);
    expect(results).toEqual([true]);
    await vi.advanceTimersByTimeAsync(2 * (1000 + 3000));
    expect(results).toEqual([true, false, true]);
    expect(maxRunning).toBe(1);
    beat.stop();
  });

  it('takes slow answers for offline only when they repeat', async () => {
    vi.useFakeTimers();
    const answers = ['slow', 'slow', 'answered', 'slow', 'slow', 'slow'] as const;
    let calls = 0;
    const results: boolean[] = [];
    const beat = startHeartbeat({
      intervalMs: 100,
      probe: () => Promise.resolve(answers[calls++] ?? 'answered'),
      onResult: (online) => results.push(online),
    });
    await vi.advanceTimersByTimeAsync(100 * answers.length);
    // Two slow answers then one: online; three slow ones in a row: offline.
    expect(results).toEqual([true, false]);
    beat.stop();
  });

  it('counts a probe that throws as offline and stops when told', async () => {
    vi.useFakeTimers();
    const results: boolean[] = [];
    const beat = startHeartbeat({
      intervalMs: 500,
      probe: () => Promise.reject(new Error('connect ECONNREFUSED')),
      onResult: (online) => results.push(online),
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(results).toEqual([false]);
    beat.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(results).toEqual([false]);
  });
});
