// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HolidayCalendarState } from '../../../../src/desktop/contract-holidays';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { HolidaysScreen, missingYearsVi, READ_ONLY_VI } from './holidays-screen';

afterEach(cleanup);

const YEAR_2026 = {
  year: 2026,
  holidays: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    { date: '2026-09-02', name: 'Quốc khánh' },
  ],
  makeUpDays: [],
  updatedAt: null,
};

const calendar = (over: Partial<HolidayCalendarState> = {}): HolidayCalendarState => ({
  years: [YEAR_2026],
  canEdit: true,
  missingYears: [2027],
  ...over,
});

const rowsOf = (kind: 'holidays' | 'makeUpDays') =>
  [...screen.getByTestId(`holidays-${kind}`).querySelectorAll('tbody tr.ant-table-row')].map((tr) =>
    [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent),
  );

describe('Cấu hình ngày nghỉ', { timeout: 180_000 }, () => {
  it('lets the top admin add days under the year’s rules and save the year', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('holidayCalendar', () => calendar())
      .answer('saveHolidayYear', (input) => ({ ...input, updatedAt: '2026-12-07T10:00:00Z' }));
    renderWithDesktop(<HolidaysScreen initialYear={2027} />, bridge);
    expect(await screen.findByText(missingYearsVi([2027]))).toBeTruthy();
    expect(screen.getByText('Chưa thiết lập lịch năm 2027')).toBeTruthy();
    expect(screen.queryByText(READ_ONLY_VI)).toBeNull();
    const save = screen.getByRole('button', { name: 'Lưu lịch năm 2027' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    const user = userEvent.setup({ delay: null });
    const form = screen.getByTestId('holiday-add-form');
    const addDay = async (kind: 'Ngày nghỉ' | 'Ngày làm bù', date: string, name: string) => {
      await user.click(within(form).getByLabelText(kind));
      const nameInput = within(form).getByLabelText('Tên');
      await user.clear(nameInput);
      await user.type(nameInput, name);
      const input = within(form).getByLabelText('Ngày');
      await user.click(input);
      await user.clear(input);
      // Enter in the date field submits the form, as "Thêm" does.
      await user.type(input, `${date}{Enter}`);
    };

    // Sat 6 Feb 2027 is off anyway: refused under the date, nothing added.
    await addDay('Ngày nghỉ', '06/02/2027', 'Tết Nguyên đán');
    expect(
      await within(form).findByText(
        'Ngày 06/02/2027 là thứ Bảy hoặc Chủ nhật: ngày nghỉ chỉ khai cho ngày làm việc trong tuần.',
      ),
    ).toBeTruthy();
    expect(rowsOf('holidays')).toEqual([]);

    await addDay('Ngày nghỉ', '01/01/2027', 'Tết Dương lịch');
    await addDay('Ngày làm bù', '20/02/2027', 'Làm bù cho ngày 12/02/2027');
    await waitFor(() =>
      expect(rowsOf('holidays')).toEqual([['01/01/2027', 'Thứ Sáu', 'Tết Dương lịch']]),
    );
    expect(rowsOf('makeUpDays')).toEqual([['20/02/2027', 'Thứ Bảy', 'Làm bù cho ngày 12/02/2027']]);
    expect(screen.getByText('Có thay đổi chưa lưu')).toBeTruthy();
    // The form is cleared for the next day, without complaining about the emptied fields.
    expect(within(form).queryByText('Vui lòng chọn ngày.')).toBeNull();

    await user.click(save);
    await waitFor(() =>
      expect(bridge.callsOf('saveHolidayYear')).toEqual([
        {
          year: 2027,
          holidays: [{ date: '2027-01-01', name: 'Tết Dương lịch' }],
          makeUpDays: [{ date: '2027-02-20', name: 'Làm bù cho ngày 12/02/2027' }],
        },
      ]),
    );
    expect(await screen.findByText('Đã lưu lịch ngày nghỉ năm 2027.')).toBeTruthy();
  });

  it('shows other admins the year read-only', async () => {
    const bridge = new FakeDesktopBridge().answer('holidayCalendar', () =>
      calendar({ canEdit: false, missingYears: [] }),
    );
    renderWithDesktop(<HolidaysScreen initialYear={2026} />, bridge);
    expect(await screen.findByText(READ_ONLY_VI)).toBeTruthy();
    await waitFor(() =>
      expect(rowsOf('holidays')).toEqual([
        ['01/01/2026', 'Thứ Năm', 'Tết Dương lịch'],
        ['02/09/2026', 'Thứ Tư', 'Quốc khánh'],
      ]),
    );
    expect(screen.getByText('Lịch do hệ thống cung cấp')).toBeTruthy();
    expect(screen.queryByTestId('holiday-add-form')).toBeNull();
    expect(screen.queryByRole('button', { name: /Xóa|Lưu/ })).toBeNull();
    expect(screen.queryByTestId('holidays-missing')).toBeNull();
  });

  it('offline, says the save needs the network and keeps the changes', async () => {
    const offlineVi = 'Cần kết nối mạng để lưu lịch ngày nghỉ. Vui lòng thử lại khi có kết nối.';
    const bridge = new FakeDesktopBridge()
      .answer('holidayCalendar', () => calendar())
      .answer('saveHolidayYear', () => ({
        code: 'offline',
        message: 'needs the server',
        messageVi: offlineVi,
      }));
    renderWithDesktop(<HolidaysScreen initialYear={2026} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Xóa ngày 02/09/2026' }));
    await user.click(screen.getByRole('button', { name: 'Lưu lịch năm 2026' }));
    expect(await screen.findByText(offlineVi)).toBeTruthy();
    expect(rowsOf('holidays')).toEqual([['01/01/2026', 'Thứ Năm', 'Tết Dương lịch']]);
    expect(screen.getByText('Có thay đổi chưa lưu')).toBeTruthy();
  });
});
