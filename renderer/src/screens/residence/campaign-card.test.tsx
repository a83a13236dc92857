// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResidenceCampaignState } from '../../../../src/desktop/contract-residence';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import {
  CampaignCard,
  campaignLineVi,
  DUE_NOT_AFTER_OPENING_VI,
  SET_CAMPAIGN_VI,
} from './campaign-card';

afterEach(cleanup);

const WARD = { id: 'w1', name: 'Đảng bộ Phường Việt Hưng' };
const SET: ResidenceCampaignState = {
  committee: WARD,
  campaign: { year: 2026, opensOn: '2026-10-01', dueOn: '2026-12-15' },
  canEdit: true,
};

describe('the campaign line', () => {
  it('says the window in dd/MM/yyyy, or that none is set', () => {
    expect(campaignLineVi(2026, SET.campaign)).toBe(
      'Đợt lấy nhận xét năm 2026: từ 01/10/2026, hạn gửi phiếu 15/12/2026',
    );
    expect(campaignLineVi(2027, null)).toBe('Đợt lấy nhận xét năm 2027: chưa thiết lập');
  });
});

describe('the committee’s campaign card', { timeout: 180_000 }, () => {
  it('shows the window; who may not edit gets no button; a user with no committee, nothing', async () => {
    const bridge = new FakeDesktopBridge().answer('residenceCampaign', () => ({
      ...SET,
      canEdit: false,
    }));
    renderWithDesktop(<CampaignCard year={2026} />, bridge);
    const card = await screen.findByTestId('residence-campaign');
    expect(
      within(card).getByText('Đợt lấy nhận xét năm 2026: từ 01/10/2026, hạn gửi phiếu 15/12/2026'),
    ).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
    expect(bridge.callsOf('residenceCampaign')).toEqual([{ year: 2026 }]);
    cleanup();

    const none = new FakeDesktopBridge().answer('residenceCampaign', () => ({
      committee: null,
      campaign: null,
      canEdit: false,
    }));
    renderWithDesktop(<CampaignCard year={2026} />, none);
    await waitFor(() => expect(none.callsOf('residenceCampaign')).toHaveLength(1));
    expect(screen.queryByTestId('residence-campaign')).toBeNull();
  });

  it('offline, says the server is needed', async () => {
    const bridge = new FakeDesktopBridge().answer('residenceCampaign', () => ({
      code: 'offline',
      message: 'needs the server',
      messageVi: 'Cần kết nối mạng để xem đợt lấy nhận xét.',
    }));
    renderWithDesktop(<CampaignCard year={2026} />, bridge);
    expect(await screen.findByText('Cần kết nối mạng để xem đợt lấy nhận xét.')).toBeTruthy();
  });

  it('checks both dates, the due date after the opening, then saves the window', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('residenceCampaign', () => ({ ...SET, campaign: null }))
      .answer('saveResidenceCampaign', (input) => ({
        year: input.year,
        opensOn: input.opensOn,
        dueOn: input.dueOn,
      }));
    renderWithDesktop(<CampaignCard year={2026} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: SET_CAMPAIGN_VI }));
    const dialog = await screen.findByTestId('campaign-dialog');
    const modal = dialog.closest('.ant-modal') as HTMLElement;
    expect(
      within(modal).getByText(/Thiết lập đợt nhận xét năm 2026 — Đảng bộ Phường/),
    ).toBeTruthy();

    await user.click(within(modal).getByRole('button', { name: 'Lưu' }));
    expect(
      await within(dialog).findByText('Vui lòng chọn ngày bắt đầu đợt nhận xét.'),
    ).toBeTruthy();
    expect(within(dialog).getByText('Vui lòng chọn hạn gửi phiếu nhận xét.')).toBeTruthy();

    const typeDate = async (label: string, text: string) => {
      const input = within(dialog).getByLabelText(label);
      await user.click(input);
      await user.clear(input);
      await user.type(input, `${text}{Enter}`);
    };
    await typeDate('Ngày bắt đầu', '01/10/2026');
    await typeDate('Hạn gửi phiếu', '01/10/2026');
    await user.click(within(modal).getByRole('button', { name: 'Lưu' }));
    expect(await within(dialog).findByText(DUE_NOT_AFTER_OPENING_VI)).toBeTruthy();
    expect(bridge.callsOf('saveResidenceCampaign')).toEqual([]);

    await typeDate('Hạn gửi phiếu', '15/12/2026');
    await user.click(within(modal).getByRole('button', { name: 'Lưu' }));
    await waitFor(() =>
      expect(bridge.callsOf('saveResidenceCampaign')).toEqual([
        { orgId: 'w1', year: 2026, opensOn: '2026-10-01', dueOn: '2026-12-15' },
      ]),
    );
    expect(await screen.findByText('Đã lưu đợt lấy nhận xét năm 2026.')).toBeTruthy();
  });

  it('puts the desktop’s refusal of a date under that date', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('residenceCampaign', () => SET)
      .answer('saveResidenceCampaign', () => ({
        code: 'invalid_input',
        message: 'dueOn: not after opensOn',
        messageVi: 'Hạn gửi phiếu phải sau ngày bắt đầu đợt nhận xét.',
        field: 'dueOn',
      }));
    renderWithDesktop(<CampaignCard year={2026} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: SET_CAMPAIGN_VI }));
    const dialog = await screen.findByTestId('campaign-dialog');
    const modal = dialog.closest('.ant-modal') as HTMLElement;
    // The dialog opens on the window as set.
    expect((within(dialog).getByLabelText('Hạn gửi phiếu') as HTMLInputElement).value).toBe(
      '15/12/2026',
    );
    await user.click(within(modal).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(bridge.callsOf('saveResidenceCampaign')).toHaveLength(1));
    const explain = await within(dialog).findByText(DUE_NOT_AFTER_OPENING_VI);
    expect(explain.closest('.ant-form-item')?.textContent).toContain('Hạn gửi phiếu');
    // Under its field only, not in the dialog's alert as well.
    expect(dialog.querySelector('.ant-alert')).toBeNull();
  });
});
