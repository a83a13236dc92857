import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { DossierFile } from '../../../../src/desktop/contract';
import type { OpenFile } from '../transfers/dossier-files';

// The PDF viewer (pdf.js) loads when a file is first shown, not with the lists.
const DossierFiles = lazy(() =>
  import('../transfers/dossier-files').then((m) => ({ default: m.DossierFiles })),
);

/** A file of a list or form, named as the user knows it ("Phiếu nhận xét đã ký"). */
export interface NamedFile {
  title: string;
  file: DossierFile;
}

export const openFileOf = ({ title, file }: NamedFile): OpenFile => ({
  sha256: file.sha256,
  title,
  contentType: file.contentType,
  cached: file.cached,
});

/**
 * The signed PDFs, the member's report and the paper scan, in the embedded viewer with the
 * signatures panel: the transfer screens' file view, each file under its own name.
 */
export function ResidenceFiles({
  files,
  open,
  onOpen,
}: {
  files: NamedFile[];
  open: OpenFile | undefined;
  onOpen: (file: OpenFile) => void;
}) {
  return (
    <Suspense fallback={<Spin />}>
      <DossierFiles
        attachments={files.map((f) => ({ ...f.file, fileName: f.title }))}
        letter={null}
        open={open ?? (files[0] && openFileOf(files[0]))}
        onOpen={onOpen}
      />
    </Suspense>
  );
}
