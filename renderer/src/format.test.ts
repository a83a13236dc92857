import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, labelOf } from './format';

describe('Vietnamese formats', () => {
  it('writes dates dd/MM/yyyy', () => {
    expect(formatDate('1975-04-30')).toBe('30/04/1975');
    expect(formatDate(null)).toBe('');
    expect(formatDate('garbage')).toBe('garbage');
    const local = new Date(2025, 10, 3, 9, 5, 7).toISOString();
    expect(formatDate(local)).toBe('03/11/2025');
    expect(formatDateTime(local)).toBe('03/11/2025 09:05:07');
  });

  it('groups thousands with dots', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
  });

  it('labels codes and falls back to the code', () => {
    const labels = { active: 'Đang hoạt động' };
    expect(labelOf(labels, 'active')).toBe('Đang hoạt động');
    expect(labelOf(labels, 'unknown')).toBe('unknown');
    expect(labelOf(labels, 'toString')).toBe('toString');
    expect(labelOf(labels, null)).toBe('');
  });
});
