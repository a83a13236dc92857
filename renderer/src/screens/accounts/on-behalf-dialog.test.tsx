// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopInput } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { OnBehalfDialog } from './on-behalf-dialog';

afterEach(cleanup);

const CELL = '00000000-0000-4000-8000-00000000000a';
const RECORD = {
  memberId: '00000000-0000-4000-8000-000000000001',
  fullName: 'Trịnh Văn Khải',
  birthDate: '1980-03-15',
  sex: 'male' as const,
  citizenId: '001080012345',
  cardNo: '01234567',
  profileNo: null,
  homeOrgId: CELL,
  residenceOrgId: null,
  phone: null,
  email: null,
  homeOrgName: 'Chi bộ Tổ dân phố số 1',
  residenceOrgName: null,
};

function bridgeAnswering(
  register: (input: DesktopInput<'registerMemberOnBehalf'>) =>
    | { ok: true; requestId: string; username: string; initialPassword: string }
    | {
        ok: false;
        messageVi: string;
        holder: { field: 'citizenId'; fullName: string; orgName: string | null };
      },
) {
  return new FakeDesktopBridge()
    .answer('memberRecordLookup', ({ citizenId }) => ({
      record: citizenId === RECORD.citizenId ? RECORD : null,
    }))
    .answer('registerMemberOnBehalf', register)
    .answer('searchOrgs', () => ({ items: [], truncated: false }) as never);
}

async function fillFromRecord(user: ReturnType<typeof userEvent.setup>) {
  const dialog = await screen.findByTestId('on-behalf-dialog');
  await user.type(within(dialog).getByLabelText('Số CCCD'), RECORD.citizenId);
  await user.click(within(dialog).getByRole('button', { name: /Lấy thông tin đảng viên/ }));
  await waitFor(() =>
    expect((within(dialog).getByLabelText('Họ và tên') as HTMLInputElement).value).toBe(
      RECORD.fullName,
    ),
  );
  expect(within(dialog).getByText('Chi bộ Tổ dân phố số 1')).toBeTruthy();
  await user.type(within(dialog).getByLabelText('Tên đăng nhập'), 'dangvien.khai');
  return dialog;
}

describe('"Đăng ký hộ"', { timeout: 180_000 }, () => {
  it('prefills from the member database and shows the initial password once', async () => {
    const bridge = bridgeAnswering(({ username }) => ({
      ok: true,
      requestId: 'r9',
      username,
      initialPassword: 'Kh@i-2026-x',
    }));
    renderWithDesktop(<OnBehalfDialog open onClose={() => {}} />, bridge);
    const user = userEvent.setup({ delay: null });
    await fillFromRecord(user);
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));

    const shown = await screen.findByTestId('initial-password');
    expect(shown.textContent).toContain('Kh@i-2026-x');
    expect(shown.textContent).toContain('dangvien.khai');
    expect(within(shown).getAllByRole('button', { name: /Sao chép|copy/i }).length).toBeGreaterThan(
      0,
    );
    expect(bridge.callsOf('registerMemberOnBehalf')).toEqual([
      {
        username: 'dangvien.khai',
        declared: {
          fullName: RECORD.fullName,
          birthDate: RECORD.birthDate,
          sex: 'male',
          citizenId: RECORD.citizenId,
          cardNo: RECORD.cardNo,
          profileNo: null,
          homeOrgId: CELL,
          residenceOrgId: null,
          phone: null,
          email: null,
          position: null,
        },
      },
    ]);
  });

  it('a number another account holds is refused with the holder named', async () => {
    const messageVi =
      'Số CCCD đã được dùng cho tài khoản của đồng chí Nguyễn Văn An (Chi bộ số 2).';
    const bridge = bridgeAnswering(() => ({
      ok: false,
      messageVi,
      holder: { field: 'citizenId', fullName: 'Nguyễn Văn An', orgName: 'Chi bộ số 2' },
    }));
    renderWithDesktop(<OnBehalfDialog open onClose={() => {}} />, bridge);
    const user = userEvent.setup({ delay: null });
    await fillFromRecord(user);
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    expect(await screen.findByText(messageVi)).toBeTruthy();
    expect(screen.getByText('Số CCCD đã được dùng.')).toBeTruthy();
    expect(screen.queryByTestId('initial-password')).toBeNull();
  });
});
