/**
 * A member's attachment built to exhaust memory (an object stream claiming 100,000,000 objects)
 * opened in the signatures panel: the call answers invalid_pdf with the reason, and the service
 * keeps answering.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostilePdfs } from '../../signing/test-support/hostile-pdfs';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from './test-support/transfer-world';

const dir = mkdtempSync(join(tmpdir(), 'desktop-hostile-'));
let world: TransferWorld;
let plain: Buffer;
const opened: OpenedService[] = [];

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  plain = Buffer.from(await doc.save());
  world = transferWorld((ward) => [submitted(ward, 1, 0, ward.cells[4]!)]);
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('signatures panel on a hostile attachment', () => {
  it('answers invalid_pdf with the reader reason, then still verifies other files', async () => {
    const o = await openAs(dir, world, world.staff.cell1Secretary);
    opened.push(o);
    const hostile = hostilePdfs.find((h) => /100,000,000/.test(h.name))!.bytes();
    const put = (bytes: Buffer) =>
      blobCacheRepo(o.cache.handle).put({
        sha256: sha256Of(bytes),
        contentType: 'application/pdf',
        bytes,
        needsUpload: false,
      });
    put(hostile);
    put(plain);
    const refused = await o.api.verifyPdfSignatures({ sha256: sha256Of(hostile) });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? undefined : refused.error).toMatchObject({
      code: 'invalid_pdf',
      message: expect.stringMatching(/claims 100000000 objects/),
      messageVi: expect.stringContaining('Tệp PDF không hợp lệ hoặc bị hỏng'),
    });
    const after = await o.api.verifyPdfSignatures({ sha256: sha256Of(plain) });
    expect(after).toMatchObject({ ok: true, value: { signatures: [] } });
  }, 60_000);
});
