import { describe, expect, it } from 'vitest';
import { formatTimeLeftVi, syncPercent, syncSecondsLeft } from './sync-eta';

const pulling = (pulled: number, estimatedTotal?: number) => ({
  phase: 'pulling' as const,
  pulled,
  pages: 1,
  ...(estimatedTotal === undefined ? {} : { estimatedTotal }),
});

describe('syncSecondsLeft', () => {
  it('goes on at the rate so far', () => {
    // 1 000 of 5 000 in 10 s: 4 000 left at 100 a second.
    expect(syncSecondsLeft(pulling(1000, 5000), 10_000)).toBe(40);
  });

  it('says nothing without a total, before anything is pulled, or in the first second', () => {
    expect(syncSecondsLeft(pulling(1000), 10_000)).toBeUndefined();
    expect(syncSecondsLeft(pulling(0, 5000), 10_000)).toBeUndefined();
    expect(syncSecondsLeft(pulling(1000, 5000), 500)).toBeUndefined();
  });

  it('is zero, not negative, when more came than the estimate', () => {
    expect(syncSecondsLeft(pulling(6000, 5000), 10_000)).toBe(0);
  });
});

describe('formatTimeLeftVi', () => {
  it.each([
    [3, 'vài giây nữa'],
    [42, 'khoảng 40 giây'],
    [57, 'khoảng 1 phút'],
    [150, 'khoảng 3 phút'],
    [3600, 'khoảng 1 giờ'],
    [5400, 'khoảng 1 giờ 30 phút'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatTimeLeftVi(seconds)).toBe(text);
  });
});

describe('syncPercent', () => {
  it('is the share pulled, never 100 before the end', () => {
    expect(syncPercent(pulling(250, 1000))).toBe(25);
    expect(syncPercent(pulling(1000, 1000))).toBe(99);
    expect(syncPercent(pulling(10))).toBeUndefined();
    expect(syncPercent(null)).toBeUndefined();
  });
});
