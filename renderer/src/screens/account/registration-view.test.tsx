// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegistrationPrefill } from '../../../../src/desktop/contract-accounts';
import type { DesktopOutput } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { DUPLICATE_ADVICE, REGISTERED, RegistrationView } from './registration-view';
import { CELL_1 } from './test-support/my-account';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const RECORD: RegistrationPrefill = {
  memberId: '00000000-0000-4000-8000-000000000501',
  fullName: 'Nguyễn Văn An',
  birthDate: '1985-04-12',
  sex: 'male',
  citizenId: '001085012345',
  cardNo: '12345678',
  profileNo: null,
  homeOrgId: CELL_1.id,
  homeOrgName: CELL_1.name,
  residenceOrgId: null,
  residenceOrgName: null,
  phone: '0912000111',
  email: null,
};

function bridgeAnswering(outcome: DesktopOutput<'registerAccount'>) {
  return new FakeDesktopBridge()
    .answer('registrationLookup', () => ({ record: RECORD }))
    .answer('cellChoices', () => ({ items: [] }))
    .answer('registerAccount', () => outcome);
}

async function lookUpAndFill(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Số CCCD'), RECORD.citizenId);
  await user.type(screen.getByLabelText('Số thẻ đảng viên'), '12345678');
  await user.click(screen.getByRole('button', { name: /LẤY THÔNG TIN ĐẢNG VIÊN/ }));
  await waitFor(() =>
    expect(screen.getByLabelText<HTMLInputElement>('Họ và tên').value).toBe(RECORD.fullName),
  );
  // One field corrected by the member.
  const phone = screen.getByLabelText<HTMLInputElement>('Số điện thoại');
  await user.clear(phone);
  await user.type(phone, '0988777666');
  await user.type(screen.getByLabelText('Tên đăng nhập'), 'an.nv');
  await user.type(screen.getByLabelText('Mật khẩu'), 'Mk@2026!');
  await user.type(screen.getByLabelText('Nhập lại mật khẩu'), 'Mk@2026!');
  await user.click(screen.getByRole('button', { name: /Lưu/ }));
}

describe('"Đăng ký tài khoản đảng viên"', { timeout: 120_000 }, () => {
  it('prefills from the member database and sends what the member confirmed', async () => {
    const bridge = bridgeAnswering({ ok: true, requestId: 'r-1' });
    renderWithDesktop(<RegistrationView onBack={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await lookUpAndFill(user);

    expect(await screen.findByText(REGISTERED)).toBeTruthy();
    expect(bridge.callsOf('registrationLookup')).toEqual([
      { citizenId: RECORD.citizenId, cardNo: '12345678' },
    ]);
    expect(bridge.callsOf('registerAccount')).toEqual([
      {
        username: 'an.nv',
        password: 'Mk@2026!',
        declared: {
          fullName: RECORD.fullName,
          birthDate: RECORD.birthDate,
          sex: 'male',
          citizenId: RECORD.citizenId,
          cardNo: '12345678',
          profileNo: null,
          homeOrgId: CELL_1.id,
          residenceOrgId: null,
          phone: '0988777666',
          email: null,
          position: null,
        },
      },
    ]);
  });

  it('a duplicate number names who holds it, with the guide’s advice, and stops', async () => {
    const holder = { field: 'cardNo' as const, fullName: 'Trần Văn Bình', orgName: 'Chi bộ số 3' };
    const bridge = bridgeAnswering({
      ok: false,
      messageVi: 'Số thẻ đảng viên đã được dùng cho tài khoản của đồng chí Trần Văn Bình.',
      holder,
    });
    renderWithDesktop(<RegistrationView onBack={() => undefined} />, bridge);
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const user = userEvent.setup({ delay: null });
    await lookUpAndFill(user);

    const alert = await screen.findByTestId('duplicate-holder');
    // Brought into view: the form is taller than a laptop's window.
    expect(scrolled.mock.contexts.some((el) => (el as Element).contains(alert))).toBe(true);
    expect(alert.textContent).toContain('Trần Văn Bình');
    expect(alert.textContent).toContain('Chi bộ số 3');
    expect(alert.textContent).toContain(DUPLICATE_ADVICE[0]);
    expect(screen.queryByText(REGISTERED)).toBeNull();
    // The form stays for the member to use the other number.
    expect(screen.getByRole('button', { name: /Lưu/ })).toBeTruthy();
  });

  it('asks for the card or profile number before looking up', async () => {
    const bridge = bridgeAnswering({ ok: true, requestId: 'r-1' });
    renderWithDesktop(<RegistrationView onBack={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Số CCCD'), RECORD.citizenId);
    await user.click(screen.getByRole('button', { name: /LẤY THÔNG TIN ĐẢNG VIÊN/ }));
    expect(await screen.findByText('Vui lòng nhập Số thẻ đảng viên hoặc Số lý lịch.')).toBeTruthy();
    expect(bridge.callsOf('registrationLookup')).toEqual([]);
  });
});
