import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { DesktopInput } from '../../../../src/desktop/contract';
import { useState } from 'react';
import { callDesktop, DesktopCallError, useBridge } from '../../desktop-context';
import { saveDocument } from '../../ui/save-document';

/**
 * "Xuất Excel" of a list screen (docs/decisions/0037): the desktop service reads the list again
 * with the screen's filters, every page, from the cache, and the file is saved the way the other
 * exports are. A refusal (too many rows, an org gone) is said in a message where the user acted.
 */
export function ListExportButton({
  request,
  testId,
  disabled,
}: {
  /** The list and the filters the screen shows; null while the screen has nothing to export. */
  request: DesktopInput<'exportList'> | null;
  testId: string;
  disabled?: boolean;
}) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function exportList(input: DesktopInput<'exportList'>) {
    setBusy(true);
    try {
      const file = await callDesktop(bridge, 'exportList', input);
      saveDocument(file);
      message.success(`Đã xuất ${file.fileName}`);
    } catch (err) {
      // Any other exception is a bug and propagates.
      if (!(err instanceof DesktopCallError)) throw err;
      message.error(err.error.messageVi);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button
      icon={<FileExcelOutlined />}
      data-testid={testId}
      disabled={disabled || request === null}
      loading={busy}
      onClick={() => request && void exportList(request)}
    >
      Xuất Excel
    </Button>
  );
}
