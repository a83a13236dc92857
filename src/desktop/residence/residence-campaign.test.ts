/**
 * The committee's yearly campaign from the desktop, against the real server (generated ward on
 * SQLite): the ward's approver sets and reads it, a cell's secretary reads it but may not set one
 * for his cell, a due date before the opening is refused; offline the window comes from the cache
 * (pulled like any row) and saving says it needs the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CELL_NAME, DEMO_PASSWORD, DEMO_WARD_NAME } from '../../../scripts/gen/demo-accounts';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../scripts/test-support/sync-server';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { memorySessionStore, type SessionStore } from '../../sync/session';
import type { DesktopEvent } from '../contract';
import { createDesktopService, type DesktopService } from '../desktop-service';
import { failure, value } from '../test-support/call-results';

// A year the demo campaign leaves free, so the first read finds nothing.
const YEAR = 2027;

const dir = mkdtempSync(join(tmpdir(), 'residence-campaign-'));
let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
const caches: ClientDb[] = [];

interface Opened {
  api: DesktopService;
  sessions: SessionStore;
}

async function openAs(username: string): Promise<Opened> {
  const cache = await openClientDb(join(dir, `${username}.sqlite`));
  caches.push(cache);
  const sessions = memorySessionStore();
  const api = createDesktopService({ cache, serverUrl: server.url, sessionStore: sessions });
  value('login', await api.login({ username, password: DEMO_PASSWORD }));
  value('syncNow', await api.syncNow({}));
  return { api, sessions };
}

let ward: Opened;
let cell: Opened;

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  server = await startLoopbackServer(serverDb.config);
  ward = await openAs('bithu.phuong');
  cell = await openAs('bithu.chibo1');
}, 120_000);

afterAll(async () => {
  for (const c of caches) await c.close();
  await server?.close();
  serverDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the committee’s yearly campaign', () => {
  let wardId = '';

  it('the ward’s approver finds his committee, no campaign yet, and may set it', async () => {
    const state = value('residenceCampaign', await ward.api.residenceCampaign({ year: YEAR }));
    expect(state).toMatchObject({
      committee: { name: DEMO_WARD_NAME },
      campaign: null,
      canEdit: true,
    });
    wardId = state.committee?.id ?? '';
  });

  it('saves the window, tells the screens, and reads it back', async () => {
    const events: DesktopEvent['type'][] = [];
    const off = ward.api.subscribe((e) => events.push(e.type));
    const saved = value(
      'saveResidenceCampaign',
      await ward.api.saveResidenceCampaign({
        orgId: wardId,
        year: YEAR,
        opensOn: '2027-10-01',
        dueOn: '2027-12-15',
      }),
    );
    off();
    expect(saved).toEqual({ year: YEAR, opensOn: '2027-10-01', dueOn: '2027-12-15' });
    expect(events).toContain('residence-changed');

    const read = value(
      'residenceCampaign',
      await ward.api.residenceCampaign({ orgId: wardId, year: YEAR }),
    );
    expect(read.campaign).toEqual(saved);
  });

  it('a cell’s secretary reads the ward’s campaign but may not edit it', async () => {
    const read = value(
      'residenceCampaign',
      await cell.api.residenceCampaign({ orgId: wardId, year: YEAR }),
    );
    expect(read).toMatchObject({
      committee: { id: wardId, name: DEMO_WARD_NAME },
      campaign: { opensOn: '2027-10-01', dueOn: '2027-12-15' },
      canEdit: false,
    });
    // His own org is a cell: no committee of his to show a campaign for.
    const own = value('residenceCampaign', await cell.api.residenceCampaign({ year: YEAR }));
    expect(own).toEqual({ committee: null, campaign: null, canEdit: false });
  });

  it('the server refuses a campaign for a cell, in Vietnamese, naming the org', async () => {
    const { items } = value('findOrgs', await cell.api.findOrgs({ name: DEMO_CELL_NAME }));
    const cellId = items.find((o) => o.name === DEMO_CELL_NAME)?.id ?? '';
    expect(cellId).not.toBe('');
    const refused = failure(
      await cell.api.saveResidenceCampaign({
        orgId: cellId,
        year: YEAR,
        opensOn: '2027-10-01',
        dueOn: '2027-12-15',
      }),
    );
    expect(refused).toMatchObject({ field: 'orgId' });
    expect(refused.messageVi).toBe(
      'Chỉ đảng ủy xã, phường mới đặt thời hạn nhận xét đảng viên nơi cư trú.',
    );
  });

  it('refuses a due date that is not after the opening, under the due date', async () => {
    for (const dueOn of ['2027-09-30', '2027-10-01']) {
      const refused = failure(
        await ward.api.saveResidenceCampaign({
          orgId: wardId,
          year: YEAR,
          opensOn: '2027-10-01',
          dueOn,
        }),
      );
      expect(refused).toMatchObject({
        code: 'invalid_input',
        field: 'dueOn',
        messageVi: 'Hạn gửi phiếu phải sau ngày bắt đầu đợt nhận xét.',
      });
    }
    // The saved window stays as it was.
    const read = value(
      'residenceCampaign',
      await ward.api.residenceCampaign({ orgId: wardId, year: YEAR }),
    );
    expect(read.campaign?.dueOn).toBe('2027-12-15');
  });

  it('offline, reads the window the last sync brought, and saving says it needs the server', async () => {
    value('syncNow', await ward.api.syncNow({}));
    // The ward's cache and session, with the server gone.
    const offline = createDesktopService({
      cache: caches[0]!,
      serverUrl: 'http://127.0.0.1:9',
      sessionStore: ward.sessions,
      timeoutMs: 1000,
    });
    await offline.restoreSession();
    const read = value(
      'residenceCampaign',
      await offline.residenceCampaign({ orgId: wardId, year: YEAR }),
    );
    expect(read.campaign).toEqual({ year: YEAR, opensOn: '2027-10-01', dueOn: '2027-12-15' });
    // A year no sync brought is not guessed.
    const unknown = failure(await offline.residenceCampaign({ orgId: wardId, year: YEAR + 1 }));
    expect(unknown).toMatchObject({
      code: 'offline',
      messageVi: 'Cần kết nối mạng để xem đợt lấy nhận xét.',
    });
    const save = failure(
      await offline.saveResidenceCampaign({
        orgId: wardId,
        year: YEAR,
        opensOn: '2027-10-01',
        dueOn: '2027-12-20',
      }),
    );
    expect(save).toMatchObject({
      code: 'offline',
      messageVi: 'Cần kết nối mạng để thiết lập đợt lấy nhận xét.',
    });
  });
});
