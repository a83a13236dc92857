import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_WARD_NAME } from '../../../scripts/gen/demo-accounts';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../scripts/test-support/sync-server';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { memorySessionStore, type SessionStore } from '../../sync/session';
import { createDesktopService, type DesktopService } from '../desktop-service';
import { failure, value } from '../test-support/call-results';

// The oversight calls of the desktop service against the real server (generated demo ward on
// SQLite); offline, against a closed port with the same cache.

let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
const dir = mkdtempSync(join(tmpdir(), 'oversight-desktop-'));
const sessions: SessionStore = memorySessionStore();
let cache: ClientDb;
let api: DesktopService;

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  server = await startLoopbackServer(serverDb.config);
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  api = createDesktopService({ cache, serverUrl: server.url, sessionStore: sessions });
  value('login', await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD }));
  value('syncNow', await api.syncNow({}));
}, 120_000);

afterAll(async () => {
  await cache?.close();
  await server?.close();
  serverDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('oversight on the desktop', () => {
  it('asks the server for the admin’s ward by default', async () => {
    const dashboard = value('oversightDashboard', await api.oversightDashboard({}));
    expect(dashboard).toMatchObject({ source: 'server', org: { name: DEMO_WARD_NAME } });
    expect(dashboard.users.active).toBeGreaterThan(0);
    const report = value('readinessReport', await api.readinessReport({}));
    expect(report.org.name).toBe(DEMO_WARD_NAME);
    expect(report.orgCount).toBeGreaterThan(1);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    // The first page of each kind: all of it, up to the screen's 200 lines.
    for (const [kind, count] of Object.entries(report.counts))
      expect(report.findings.filter((f) => f.kind === kind)).toHaveLength(Math.min(count, 200));
  });

  it('exports every finding to Excel and to a PDF in the party-document frame', async () => {
    const report = value('readinessReport', await api.readinessReport({}));
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    const xlsx = value(
      'exportReadinessReport',
      await api.exportReadinessReport({ format: 'xlsx' }),
    );
    expect(xlsx.fileName).toMatch(/^ra-soat-san-sang-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Chi tiết')!.rowCount).toBe(total + 1);

    const pdf = value('exportReadinessReport', await api.exportReadinessReport({ format: 'pdf' }));
    const file = join(dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain(DEMO_WARD_NAME.toUpperCase());
    expect(text).toContain('BÁO CÁO RÀ SOÁT');
  });

  it('offline: shows the kept answers with their time, refuses what it never fetched and exports', async () => {
    await cache.close();
    cache = await openClientDb(join(dir, 'cache.sqlite'));
    api = createDesktopService({
      cache,
      serverUrl: 'http://127.0.0.1:9',
      sessionStore: sessions,
      timeoutMs: 1000,
    });
    await api.restoreSession();
    const kept = value('readinessReport', await api.readinessReport({}));
    expect(kept.source).toBe('cache');
    expect(kept.org.name).toBe(DEMO_WARD_NAME);
    expect(value('oversightDashboard', await api.oversightDashboard({})).source).toBe('cache');
    const never = failure(await api.readinessReport({ kind: 'org_without_admin', offset: 200 }));
    expect(never.code).toBe('offline_not_cached');
    const noExport = failure(await api.exportReadinessReport({ format: 'pdf' }));
    expect(noExport.code).toBe('offline');
    expect(noExport.messageVi).toBe('Cần kết nối mạng để xuất báo cáo rà soát đầy đủ.');
  });
});
