import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../calendar/test-support/calendars';
import { NO_CALENDAR } from '../calendar/working-days';
import { notificationsFor, osNotificationText, type UserCase } from './notifications';

const waiting = (over: Partial<UserCase> = {}): UserCase => ({
  subject: 'transfer',
  id: 'd1',
  title: 'Nguyễn Văn An',
  place: 'official/outgoing',
  state: 'pending_check@org-cell',
  ask: 'act',
  dueOn: null,
  ...over,
});

const keys = (cases: UserCase[], today = '2026-03-02', calendar = CALENDAR_2026) =>
  notificationsFor(cases, today, calendar).map((n) => n.key);

describe('notifications of the cases a user has', () => {
  it('names each ask by its kind, keyed by what caused it', () => {
    const out = notificationsFor(
      [
        waiting(),
        waiting({ id: 'd2', state: 'checked@org-ward', ask: 'approve' }),
        waiting({ id: 'd3', state: 'returned@2026-02-27', ask: 'returned' }),
        waiting({ subject: 'account_request', id: 'r1', state: 'pending', ask: 'approve' }),
        waiting({ id: 'd4', ask: null }),
      ],
      '2026-03-02',
      CALENDAR_2026,
    );
    expect(out.map((n) => [n.kind, n.key])).toEqual([
      ['new_dossier', 'new_dossier:transfer:d1:pending_check@org-cell'],
      ['approval_waiting', 'approval_waiting:transfer:d2:checked@org-ward'],
      ['returned', 'returned:transfer:d3:returned@2026-02-27'],
      ['approval_waiting', 'approval_waiting:account_request:r1:pending'],
    ]);
    expect(out[0]).toMatchObject({
      subject: 'transfer',
      objectId: 'd1',
      title: 'Nguyễn Văn An',
      place: 'official/outgoing',
    });
  });

  it('gives the same keys for the same state, and a new key when the case moves', () => {
    expect(keys([waiting()])).toEqual(keys([waiting()]));
    expect(keys([waiting({ state: 'pending_check@org-ward' })])).not.toEqual(keys([waiting()]));
  });

  it('announces a deadline 3 working days ahead, counted with the holiday calendar', () => {
    // Fri 13 Feb 2026: the Tết week is off, so Wed 25 Feb is the 3rd working day (18 Feb without).
    const due = (dueOn: string, calendar = CALENDAR_2026) =>
      keys([waiting({ dueOn })], '2026-02-13', calendar).filter((k) => k.startsWith('deadline'));
    expect(due('2026-02-25')).toEqual(['deadline_due:transfer:d1:2026-02-25']);
    expect(due('2026-02-26')).toEqual([]);
    expect(due('2026-02-25', NO_CALENDAR)).toEqual([]);
    expect(due('2026-02-18', NO_CALENDAR)).toEqual(['deadline_due:transfer:d1:2026-02-18']);
    // Passed without being handled: still announced (once, by its key).
    expect(due('2026-02-10')).toEqual(['deadline_due:transfer:d1:2026-02-10']);
  });

  it('does not announce the deadline of a case returned to the user, nor of one not his', () => {
    const out = keys([
      waiting({ ask: 'returned', state: 'returned@x', dueOn: '2026-03-03' }),
      waiting({ id: 'd2', ask: null, dueOn: '2026-03-03' }),
    ]);
    expect(out).toEqual(['returned:transfer:d1:returned@x']);
  });
});

describe('the system notification', () => {
  const n = (title: string) => ({
    kind: 'new_dossier' as const,
    subject: 'transfer' as const,
    title,
  });
  it('names a single case, counts several, and says nothing of none', () => {
    expect(osNotificationText([n('Nguyễn Văn An')])).toEqual({
      title: 'Hồ sơ mới chờ xử lý',
      body: 'Nguyễn Văn An · Chuyển sinh hoạt đảng',
    });
    expect(osNotificationText(['A', 'B', 'C', 'D'].map(n))).toEqual({
      title: '4 thông báo mới',
      body: 'A, B, C, …',
    });
    expect(osNotificationText(['A', 'B'].map(n))?.body).toBe('A, B');
    expect(osNotificationText([])).toBeNull();
  });
});
