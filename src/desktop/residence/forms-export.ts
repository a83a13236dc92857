import type { DocumentFile } from '../../api/fees/shared';
import { fail, type ServiceContext } from '../service-context';
import { readBlobBytes } from '../transfers/blob-access';
import { formFileName } from './residence-forms';
import type { ResidenceModel } from './residence-model';
import { residenceNamer } from './residence-names';
import { zipFiles, type ZipFile } from './zip-writer';

const EXTENSION: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

const NOT_CACHED = {
  code: 'not_cached',
  messageVi: 'Có tệp chưa được tải về máy. Hãy kết nối mạng rồi tải lại.',
};

/**
 * "Tải tất cả": the chosen forms sent back (their signed PDF, or the paper scan), with the
 * members' reports, in one zip named by member for the archive. Only sent forms: an open one has
 * nothing signed to keep yet.
 */
export async function exportForms(
  ctx: ServiceContext,
  model: ResidenceModel,
  formIds: readonly string[],
): Promise<DocumentFile> {
  const files: ZipFile[] = [];
  const used = new Set<string>();
  /** "…-nguyen-van-an.pdf", "…-nguyen-van-an-2.pdf" for a namesake. */
  const unique = (name: string) => {
    const dot = name.lastIndexOf('.');
    let candidate = name;
    for (let n = 2; used.has(candidate); n++)
      candidate = `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
    used.add(candidate);
    return candidate;
  };
  let year = 0;
  for (const id of [...new Set(formIds)]) {
    const cached = model.requireForm(id);
    const shown = model.overlayForm(cached, model.queuedForm(id));
    if (shown.status !== 'sent')
      return fail(
        'not_sent',
        `form ${id} is ${shown.status}`,
        'Chỉ tải được các phiếu đã gửi về nơi công tác.',
      );
    year = shown.campaignYear;
    const fullName = residenceNamer(model, [], [shown.memberId], shown).member(
      shown.memberId,
    ).fullName;
    const add = async (sha256: string, what: string, contentType: string) => {
      const blob = await readBlobBytes(ctx, sha256, NOT_CACHED);
      const ext = EXTENSION[blob.contentType] ?? EXTENSION[contentType] ?? 'bin';
      const name = formFileName(fullName, shown.campaignYear, what).replace(/\.pdf$/, `.${ext}`);
      files.push({ name: unique(name), bytes: blob.bytes });
    };
    if (shown.formPdfSha256) await add(shown.formPdfSha256, 'phieu-nhan-xet', 'application/pdf');
    if (shown.paper) await add(shown.paper.scan.sha256, 'phieu-giay', shown.paper.scan.contentType);
    if (shown.report) await add(shown.report.file.sha256, 'bao-cao', shown.report.file.contentType);
  }
  return {
    fileName: `phieu-nhan-xet-noi-cu-tru-${year}.zip`,
    contentType: 'application/zip',
    dataBase64: zipFiles(files).toString('base64'),
  };
}
