import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { checkQueue } from './check-queue';

describe('password check queue', () => {
  it('runs at most `running` at once, queues `waiting` in order, refuses the rest with 503', async () => {
    const q = checkQueue({ running: 1, waiting: 2 });
    const events: string[] = [];
    let active = 0;
    let most = 0;
    const task = (name: string) => async () => {
      active++;
      most = Math.max(most, active);
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 10));
      active--;
      return name;
    };
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((n) => q.run(task(n))));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused'))).toEqual([
      'a',
      'b',
      'c',
      'refused',
    ]);
    const refused = results[3] as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HttpError);
    expect((refused.reason as HttpError).status).toBe(503);
    expect((refused.reason as HttpError).body.messageVi).toMatch(/Máy chủ đang bận/);
    expect(most).toBe(1);
    expect(events).toEqual(['start a', 'start b', 'start c']);
    // A failing task frees its slot too.
    await expect(q.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await q.run(async () => 'after')).toBe('after');
  });
});
