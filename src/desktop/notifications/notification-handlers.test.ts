/**
 * Notifications on the desktop (docs/decisions/0041), on a real cache logged in offline: what a
 * sync raises from the cached dossiers, raised once, seen for good, back when the case moves on;
 * the settings filter what the bell and the OS get.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopEvent } from '../contract';
import type { ServiceContext } from '../service-context';
import { value } from '../test-support/call-results';
import { change, userWire } from '../../sync/test-support/wire';
import { residenceWorld } from '../residence/test-support/residence-world';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type Staff,
  type TransferWorld,
} from '../transfers/test-support/transfer-world';
import { notificationService } from './notification-handlers';

const dir = mkdtempSync(join(tmpdir(), 'desktop-notifications-'));
let world: TransferWorld;
const opened: OpenedService[] = [];

beforeAll(() => {
  world = transferWorld((ward) => [
    submitted(ward, 1, 0, ward.cells[4]!),
    // Both in cell 1; this one as if handed over already: presented by Wed 4 Mar 2026.
    { ...submitted(ward, 2, 3, ward.cells[4]!), presentBy: '2026-03-04' },
  ]);
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The cell 1 secretary's machine, and its notifier as a sync runs it on Mon 2 Mar 2026. */
async function secretaryMachine() {
  const o = await openAs(dir, world, world.staff.cell1Secretary);
  opened.push(o);
  const events: DesktopEvent[] = [];
  const ctx = {
    handle: o.cache.handle,
    currentUser: () => o.user,
    emit: (e: DesktopEvent) => events.push(e),
  } as unknown as ServiceContext;
  const clock = { now: new Date('2026-03-02T09:00:00.000Z') };
  const notifier = notificationService(ctx, () => clock.now);
  const raised = () => {
    notifier.raise();
    const last = events.at(-1);
    if (last?.type !== 'notifications-raised') throw new Error('no notifications-raised event');
    return last;
  };
  return { ...o, raised, clock };
}

/** What the first sync on `who`'s machine raises, at `now`. */
async function freshOn(w: TransferWorld, who: Staff, now: string) {
  const o = await openAs(dir, w, who);
  opened.push(o);
  const events: DesktopEvent[] = [];
  const ctx = {
    handle: o.cache.handle,
    currentUser: () => o.user,
    emit: (e: DesktopEvent) => events.push(e),
  } as unknown as ServiceContext;
  notificationService(ctx, () => new Date(now)).raise();
  const last = events.at(-1);
  if (last?.type !== 'notifications-raised') throw new Error('no notifications-raised event');
  return last.fresh;
}

const [d1, d2] = [() => world.dossiers[0]!, () => world.dossiers[1]!];
const memberName = (i: number) => world.ward.members[i]!.fullName;

describe('notifications on the desktop', () => {
  it('raises the dossiers waiting for the user once, and their near deadline', async () => {
    const m = await secretaryMachine();
    const first = m.raised();
    expect(first.fresh.map((n) => [n.kind, n.objectId, n.title, n.dueOn])).toEqual([
      ['new_dossier', d1().id, memberName(0), null],
      ['new_dossier', d2().id, memberName(3), '2026-03-04'],
      ['deadline_due', d2().id, memberName(3), '2026-03-04'],
    ]);
    expect(first).toMatchObject({ unseen: 3, os: true });
    expect(first.fresh.every((n) => !n.seen)).toBe(true);

    // The next sync finds the same state: nothing new.
    expect(m.raised()).toMatchObject({ fresh: [], unseen: 3 });
    const list = value('notifications', await m.api.notifications({}));
    expect(list.unseen).toBe(3);
    expect(list.items.map((n) => n.objectId).sort()).toEqual([d1().id, d2().id, d2().id].sort());
  });

  it('keeps a seen notification seen, and raises the case again when it moves on', async () => {
    const m = await secretaryMachine();
    m.raised();
    const { items } = value('notifications', await m.api.notifications({}));
    const ofD1 = items.find((n) => n.objectId === d1().id)!;
    expect(
      value('markNotificationsSeen', await m.api.markNotificationsSeen({ keys: [ofD1.key] })),
    ).toEqual({ unseen: 2 });
    expect(m.raised()).toMatchObject({ fresh: [], unseen: 2 });

    // Checked here (queued offline): it now waits for the approval of this approver.
    value(
      'checkDossier',
      await m.api.checkDossier({ dossierId: d1().id, data: { letterNumber: '12-GGT/CB' } }),
    );
    m.clock.now = new Date('2026-03-02T10:00:00.000Z');
    const moved = m.raised();
    expect(moved.fresh.map((n) => [n.kind, n.objectId])).toEqual([['approval_waiting', d1().id]]);
    expect(moved.unseen).toBe(3);
    // Newest first.
    const listed = value('notifications', await m.api.notifications({})).items;
    expect(listed[0]).toMatchObject({ kind: 'approval_waiting', objectId: d1().id, seen: false });
    expect(listed[0]!.raisedAt).toBe('2026-03-02T10:00:00.000Z');

    value('markNotificationsSeen', await m.api.markNotificationsSeen({ all: true }));
    const after = value('notifications', await m.api.notifications({}));
    expect(after.unseen).toBe(0);
    expect(after.items.every((n) => n.seen)).toBe(true);
    expect(m.raised()).toMatchObject({ fresh: [], unseen: 0 });
  });

  it('marks seen what no longer asks anything of the user', async () => {
    const m = await secretaryMachine();
    m.raised();
    // Checked: "new dossier" is done with (marked seen by itself), the approval is raised.
    value('checkDossier', await m.api.checkDossier({ dossierId: d1().id, data: {} }));
    m.raised();
    const { items } = value('notifications', await m.api.notifications({}));
    const d1Kinds = items.filter((n) => n.objectId === d1().id).map((n) => [n.kind, n.seen]);
    expect(d1Kinds.sort()).toEqual([
      ['approval_waiting', false],
      ['new_dossier', true],
    ]);
  });

  it('keeps only the kinds the user chose, and whether the OS shows them', async () => {
    const m = await secretaryMachine();
    const saved = value(
      'saveNotificationSettings',
      await m.api.saveNotificationSettings({
        kinds: ['deadline_due', 'deadline_due'],
        osNotifications: false,
      }),
    );
    expect(saved).toEqual({ kinds: ['deadline_due'], osNotifications: false });
    expect(value('notificationSettings', await m.api.notificationSettings({}))).toEqual(saved);
    const raised = m.raised();
    expect(raised.fresh.map((n) => n.kind)).toEqual(['deadline_due']);
    expect(raised).toMatchObject({ unseen: 1, os: false });
    const list = value('notifications', await m.api.notifications({}));
    expect(list.items.map((n) => n.kind)).toEqual(['deadline_due']);

    const bad = await m.api.saveNotificationSettings({
      kinds: ['sms' as 'returned'],
      osNotifications: true,
    });
    expect(bad.ok).toBe(false);
  });

  it('starts with every kind and the OS on for a user who set nothing', async () => {
    const m = await secretaryMachine();
    expect(value('notificationSettings', await m.api.notificationSettings({}))).toEqual({
      kinds: ['new_dossier', 'returned', 'approval_waiting', 'deadline_due'],
      osNotifications: true,
    });
  });
});

describe('notifications of residence comment forms', () => {
  it('tells the residence cell what to write, the committee what to approve and sign', async () => {
    const rw = residenceWorld();
    const forms = rw.forms;
    // In no particular order: as strings, sorted.
    const raisedFor = async (who: Staff) =>
      (await freshOn(rw, who, '2026-10-26T09:00:00.000Z'))
        .filter((n) => n.subject === 'residence_form')
        .map((n) => `${n.kind} ${n.objectId} ${n.place}`)
        .sort();
    // Cell 5, where the three live: the form awaiting its comment, past its due date.
    expect(await raisedFor(rw.staff.cell5Secretary)).toEqual(
      [`new_dossier ${forms[0]!.id} write`, `deadline_due ${forms[0]!.id} write`].sort(),
    );
    // The ward committee: the submitted form to approve, the approved one to sign and send.
    expect(await raisedFor(rw.staff.wardApprover)).toEqual(
      [`approval_waiting ${forms[1]!.id} approve`, `new_dossier ${forms[2]!.id} sign`].sort(),
    );
    // The workplace cell only follows its list: nothing asks anything of it here.
    expect(await raisedFor(rw.staff.cell1Secretary)).toEqual([]);
  });
});

describe('a dossier returned', () => {
  it('is the member’s to answer: he is told, the secretary is not', async () => {
    const w = transferWorld((ward) => [
      { ...submitted(ward, 3, 0, ward.cells[4]!), status: 'returned', reason: 'Thiếu đơn' },
    ]);
    const own = w.ward.members[0]!;
    const member: Staff = {
      user: userWire(71, w.ward.cells[0]!.id, {
        username: 'dangvien.b',
        fullName: own.fullName,
        memberId: own.id,
      }),
      grants: [],
    };
    w.changes.push(change.user(member.user));
    const raisedFor = async (who: Staff) =>
      (await freshOn(w, who, '2026-03-03T09:00:00.000Z')).map((n) => [n.kind, n.objectId, n.place]);
    const id = w.dossiers[0]!.id;
    expect(await raisedFor(member)).toEqual([['returned', id, 'mine']]);
    expect(await raisedFor(w.staff.cell1Secretary)).toEqual([]);
  });
});
