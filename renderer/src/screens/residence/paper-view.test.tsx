// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import type { ResidenceFormItem } from '../../../../src/desktop/contract-residence';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { PaperDialog, pickedFileOf } from './paper-view';

afterEach(cleanup);

// jsdom's Blob has no arrayBuffer() (Chromium's and Electron's have): read it the older way.
Blob.prototype.arrayBuffer ??= function (this: Blob) {
  return new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(this);
  });
};

const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const item = {
  id: 'f1',
  member: { id: 'm1', fullName: 'Nguyễn Văn An' },
} as ResidenceFormItem;

describe('a picked file', () => {
  it('is taken as PDF, PNG or JPEG only, its bytes in base64', async () => {
    const pdf = new File(['%PDF-1.7'], 'phieu.pdf', { type: 'application/pdf' });
    expect(await pickedFileOf(pdf)).toEqual({
      fileName: 'phieu.pdf',
      contentType: 'application/pdf',
      dataBase64: btoa('%PDF-1.7'),
    });
    expect(await pickedFileOf(new File(['x'], 'phieu.docx', { type: 'application/msword' }))).toBe(
      'Chỉ nhận tệp PDF, PNG hoặc JPEG.',
    );
  });
});

describe('recording a paper form', { timeout: 180_000 }, () => {
  it('asks for the scan, who brought it and the day, then queues it', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('recordPaperResidenceForm', () => ({ outboxId: OUTBOX }))
      .answer('syncStatus', () => ({ online: false }) as SyncStatus);
    const closed: string[] = [];
    renderWithDesktop(<PaperDialog form={item} onClose={() => closed.push('closed')} />, bridge);
    const user = userEvent.setup({ delay: null });
    const dialog = await screen.findByTestId('paper-dialog');
    const modal = dialog.closest('.ant-modal') as HTMLElement;
    await user.click(within(modal).getByRole('button', { name: 'Ghi nhận' }));
    expect(await within(dialog).findByText('Hãy chọn tệp bản quét phiếu.')).toBeTruthy();
    expect(within(dialog).getByText('Vui lòng nhập người mang phiếu đến.')).toBeTruthy();
    expect(within(dialog).getByText('Vui lòng chọn ngày nhận.')).toBeTruthy();
    expect(bridge.callsOf('recordPaperResidenceForm')).toEqual([]);

    const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['%PDF-1.7'], 'phieu.pdf', { type: 'application/pdf' }));
    await user.type(within(dialog).getByLabelText('Người mang phiếu đến'), ' Trần Văn Tổ ');
    const date = within(dialog).getByLabelText('Ngày nhận');
    await user.click(date);
    await user.type(date, '05/12/2026{Enter}');
    await user.click(within(modal).getByRole('button', { name: 'Ghi nhận' }));
    await waitFor(() =>
      expect(bridge.callsOf('recordPaperResidenceForm')).toEqual([
        {
          formId: 'f1',
          scan: {
            fileName: 'phieu.pdf',
            contentType: 'application/pdf',
            dataBase64: btoa('%PDF-1.7'),
          },
          broughtBy: 'Trần Văn Tổ',
          receivedOn: '2026-12-05',
        },
      ]),
    );
    await waitFor(() => expect(closed).toEqual(['closed']));
  });
});
