// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemberSummary, MyTransfer, SyncStatus } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { FilingDialog } from './filing-dialog';

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
const SHA = 'a'.repeat(64);
const hoa = {
  id: 'm2',
  fullName: 'Trần Thị Hoa',
  homeOrg: { id: 'c1', name: 'Chi bộ Tổ dân phố số 1' },
} as MemberSummary;

const bridgeWithPickers = () =>
  new FakeDesktopBridge()
    .answer('searchMembers', () => ({ items: [hoa], truncated: false }))
    .answer('transferDestinations', () => ({
      items: [
        {
          id: 'c9',
          code: '2256202',
          name: 'Chi bộ Tổ dân phố số 9',
          parentName: 'Đảng bộ Phường Phúc Lợi',
        },
      ],
    }))
    .answer('syncStatus', () => ({ online: true }) as SyncStatus);

async function pick(
  user: ReturnType<typeof userEvent.setup>,
  field: HTMLElement,
  typed: string,
  title: string,
) {
  await user.type(field, typed);
  await user.click(await screen.findByTitle(title));
}

describe('filing a transfer', { timeout: 180_000 }, () => {
  it('"Nộp hộ": staff pick the member, the destination and a scan, then file it', async () => {
    const bridge = bridgeWithPickers().answer('fileTransfer', () => ({ dossierId: 'd-new' }));
    const closed: (string | undefined)[] = [];
    renderWithDesktop(
      <FilingDialog target={{ kind: 'onBehalf' }} onClose={(id) => closed.push(id)} />,
      bridge,
    );
    const user = userEvent.setup({ delay: null });
    const dialog = await screen.findByTestId('filing-dialog');
    const modal = dialog.closest('.ant-modal') as HTMLElement;
    expect(within(modal).getByText('Nộp hộ hồ sơ chuyển sinh hoạt đảng')).toBeTruthy();
    await user.click(within(modal).getByRole('button', { name: 'Nộp hồ sơ' }));
    expect(await within(dialog).findByText('Vui lòng chọn đảng viên được nộp hộ.')).toBeTruthy();
    expect(within(dialog).getByText('Vui lòng chọn chi bộ nơi chuyển đến.')).toBeTruthy();
    expect(within(dialog).getByText('Vui lòng nhập lý do chuyển.')).toBeTruthy();
    expect(bridge.callsOf('fileTransfer')).toEqual([]);

    await pick(
      user,
      within(dialog).getByLabelText('Đảng viên'),
      'hoa',
      'Trần Thị Hoa — Chi bộ Tổ dân phố số 1',
    );
    await pick(
      user,
      within(dialog).getByLabelText('Nơi chuyển đến'),
      'dan pho so 9',
      'Chi bộ Tổ dân phố số 9 — Đảng bộ Phường Phúc Lợi',
    );
    expect(bridge.callsOf('transferDestinations').at(-1)).toEqual({ q: 'dan pho so 9' });
    const movedOn = within(dialog).getByLabelText('Ngày chuyển đến nơi mới');
    await user.click(movedOn);
    await user.type(movedOn, '01/12/2026{Enter}');
    await user.type(within(dialog).getByLabelText('Lý do chuyển'), ' Chuyển nơi cư trú ');
    const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['%PDF-1.7'], 'don.pdf', { type: 'application/pdf' }));
    await user.click(within(modal).getByRole('button', { name: 'Nộp hồ sơ' }));
    await waitFor(() =>
      expect(bridge.callsOf('fileTransfer')).toEqual([
        {
          variant: 'official',
          form: {
            destinationOrgId: 'c9',
            reason: 'Chuyển nơi cư trú',
            movedOn: '2026-12-01',
            newAddress: null,
            temporary: null,
          },
          files: [
            { fileName: 'don.pdf', contentType: 'application/pdf', dataBase64: btoa('%PDF-1.7') },
          ],
          forMemberId: 'm2',
        },
      ]),
    );
    await waitFor(() => expect(closed).toEqual(['d-new']));
  });

  it('a temporary transfer asks for its stay; the server’s refusal is shown', async () => {
    const bridge = bridgeWithPickers().answer('fileTransfer', () => ({
      code: 'stay_too_short',
      message: 'stay too short',
      messageVi: 'Thời gian sinh hoạt tạm thời phải từ 3 tháng.',
      field: 'form',
    }));
    renderWithDesktop(<FilingDialog target={{ kind: 'own' }} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    const dialog = await screen.findByTestId('filing-dialog');
    const modal = dialog.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).queryByLabelText('Đảng viên')).toBeNull();
    await user.click(within(dialog).getByLabelText('Chuyển sinh hoạt đảng tạm thời'));
    await user.click(within(modal).getByRole('button', { name: 'Nộp hồ sơ' }));
    expect(await within(dialog).findByText('Vui lòng chọn ngày bắt đầu.')).toBeTruthy();
    expect(within(dialog).getByText('Vui lòng chọn ngày kết thúc.')).toBeTruthy();

    await pick(
      user,
      within(dialog).getByLabelText('Nơi chuyển đến'),
      '2256',
      'Chi bộ Tổ dân phố số 9 — Đảng bộ Phường Phúc Lợi',
    );
    for (const [label, date] of [
      ['Ngày chuyển đến nơi mới', '01/12/2026'],
      ['Sinh hoạt tạm thời từ ngày', '05/12/2026'],
      ['Đến ngày', '05/01/2027'],
    ] as const) {
      const field = within(dialog).getByLabelText(label);
      await user.click(field);
      await user.type(field, `${date}{Enter}`);
    }
    await user.type(within(dialog).getByLabelText('Lý do chuyển'), 'Đi học');
    await user.click(within(modal).getByRole('button', { name: 'Nộp hồ sơ' }));
    expect(
      await within(dialog).findByText('Thời gian sinh hoạt tạm thời phải từ 3 tháng.'),
    ).toBeTruthy();
    expect(bridge.callsOf('fileTransfer')).toMatchObject([
      {
        variant: 'temporary',
        form: {
          temporary: { startOn: '2026-12-05', endOn: '2027-01-05', fullTimeStudy: false },
        },
        files: [],
      },
    ]);
  });

  it('"Nộp lại" starts from the returned dossier and queues the correction', async () => {
    const returned = {
      id: 'd1',
      variant: 'official',
      status: 'returned',
      destinationOrg: { id: 'c9', name: 'Chi bộ Tổ dân phố số 9' },
      form: {
        destinationOrgId: 'c9',
        reason: 'Chuyển nơi cư trú',
        movedOn: '2026-11-20',
        newAddress: 'Số 5 ngõ 12',
        temporary: null,
      },
      attachments: [
        {
          sha256: SHA,
          fileName: 'don-cu.pdf',
          contentType: 'application/pdf',
          size: 9,
          cached: true,
        },
      ],
    } as MyTransfer;
    const bridge = bridgeWithPickers().answer('resubmitTransfer', () => ({ outboxId: OUTBOX }));
    bridge.answer('pushNow', () => ({ applied: 1, notApplied: 0, remaining: 0 }));
    bridge.answer('listOutbox', () => ({ items: [] }));
    const closed: (string | undefined)[] = [];
    renderWithDesktop(
      <FilingDialog
        target={{ kind: 'resubmit', dossier: returned }}
        onClose={(id) => closed.push(id)}
      />,
      bridge,
    );
    const user = userEvent.setup({ delay: null });
    const dialog = await screen.findByTestId('filing-dialog');
    const modal = dialog.closest('.ant-modal') as HTMLElement;
    expect((within(dialog).getByLabelText('Lý do chuyển') as HTMLTextAreaElement).value).toBe(
      'Chuyển nơi cư trú',
    );
    expect(within(dialog).getByText('Chi bộ Tổ dân phố số 9')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Lý do chuyển'), ', bổ sung đơn');
    await user.click(within(modal).getByRole('button', { name: 'Nộp lại' }));
    await waitFor(() =>
      expect(bridge.callsOf('resubmitTransfer')).toEqual([
        {
          dossierId: 'd1',
          form: {
            destinationOrgId: 'c9',
            reason: 'Chuyển nơi cư trú, bổ sung đơn',
            movedOn: '2026-11-20',
            newAddress: 'Số 5 ngõ 12',
            temporary: null,
          },
          keep: [SHA],
          files: [],
        },
      ]),
    );
    await waitFor(() => expect(closed).toEqual(['d1']));
  });
});
