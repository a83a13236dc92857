// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import type {
  ResidenceFormDetail,
  ResidenceFormItem,
} from '../../../../src/desktop/contract-residence';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { WriteView } from './write-view';

afterEach(cleanup);

const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const item: ResidenceFormItem = {
  id: 'f1',
  requestId: 'l1',
  campaignYear: 2026,
  status: 'awaiting_comment',
  member: { id: 'm1', fullName: 'Nguyễn Thúy Bình' },
  workplaceOrg: { id: 'o1', name: 'Chi bộ Tổ Khoa học Tự nhiên' },
  residenceOrg: { id: 'o2', name: 'Chi bộ Tổ dân phố số 1' },
  committeeOrg: { id: 'o3', name: 'Đảng bộ Phường Việt Hưng' },
  reportRequired: false,
  hasReport: false,
  paper: false,
  dueOn: null,
  deadline: 'on_time',
  updatedAt: '2026-12-04T08:00:00.000Z',
  sentAt: null,
  pendingActions: 0,
  needsAttention: false,
};
const detail: ResidenceFormDetail = {
  ...item,
  memberBirthDate: '2000-08-09',
  comment: null,
  reason: null,
  report: null,
  paperForm: null,
  formPdf: null,
  history: [],
  allowed: {
    write: true,
    submit: false,
    approve: false,
    return: false,
    signAndSend: false,
    recordPaper: false,
    report: false,
  },
  pending: [],
};

describe('writing comment forms', { timeout: 180_000 }, () => {
  it('submits a form saved here even while the list still shows it as before the save', async () => {
    // The list answers as it may between a background send and the pull after it: the saved
    // form is shown as still waiting for its comment.
    const bridge = new FakeDesktopBridge()
      .answer('residenceForms', () => ({ items: [item], truncated: false }))
      .answer('residenceFormDetail', () => detail)
      .answer('writeResidenceForm', () => ({ outboxId: OUTBOX }))
      .answer('residenceFormsAction', ({ formIds }) => ({ outboxIds: formIds.map(() => OUTBOX) }))
      .answer('syncStatus', () => ({ online: false }) as SyncStatus);
    renderWithDesktop(<WriteView />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('checkbox', { name: 'Chọn Nguyễn Thúy Bình' }));
    await user.click(screen.getByRole('button', { name: 'Chọn' }));
    await screen.findByRole('heading', { name: 'Phiếu nhận xét — Nguyễn Thúy Bình' });
    const submit = screen.getByRole('button', { name: /Trình phê duyệt/ }) as HTMLButtonElement;
    // Nothing written yet: nothing to submit.
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByLabelText('Ưu điểm'), 'Gương mẫu.');
    await user.type(screen.getByLabelText('Thực hiện nghĩa vụ công dân nơi cư trú'), 'Đầy đủ.');
    await user.click(screen.getByRole('button', { name: /Lưu nháp/ }));
    await waitFor(() => expect(bridge.callsOf('writeResidenceForm')).toHaveLength(1));
    await waitFor(() => expect(submit.disabled).toBe(false));
    await user.click(submit);
    await waitFor(() =>
      expect(bridge.callsOf('residenceFormsAction')).toEqual([
        { formIds: ['f1'], action: 'submit' },
      ]),
    );
  });
});
