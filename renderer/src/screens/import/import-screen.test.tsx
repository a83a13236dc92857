// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../src/desktop/contract-imports';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { ImportScreen } from './import-screen';

afterEach(cleanup);

/** jsdom's File has no arrayBuffer(): the bytes are given as the browser would read them. */
const fileOf = (bytes: number[], name: string) =>
  Object.assign(new File([new Uint8Array(bytes)], name), {
    arrayBuffer: async () => new Uint8Array(bytes).buffer,
  });

const WARD = {
  id: '00000000-0000-4000-8000-000000000002',
  code: '2256101',
  name: 'Đảng bộ Phường Việt Hưng',
};
const SHA = 'a'.repeat(64);
const counts = (add: number) => ({ add, update: 0, unchanged: 0 });
const WITH_PROBLEMS: ImportPreview = {
  orgs: counts(1),
  members: counts(1),
  rows: [],
  fileSha256: SHA,
  problems: [
    {
      sheet: 'Đảng viên',
      kind: 'members',
      row: 4,
      column: 'CCCD',
      code: 'citizen_id_wrong_length',
      message: 'citizen id must have 12 digits, got 11',
      messageVi: 'Số CCCD phải gồm đúng 12 chữ số (đã nhập 11 chữ số)',
    },
    {
      sheet: 'Tổ chức đảng',
      kind: 'orgs',
      row: 4,
      column: 'Mã đơn vị cha',
      code: 'import_unknown_parent',
      message: 'parent code 9999999 is neither in the file nor in the database',
      messageVi: 'Không tìm thấy đơn vị cha có mã 9999999 trong tệp hoặc trong dữ liệu',
    },
  ],
};
const CLEAN: ImportPreview = {
  ...WITH_PROBLEMS,
  orgs: counts(2),
  members: counts(2),
  problems: [],
};

describe('Nhập dữ liệu', { timeout: 180_000 }, () => {
  it('shows the problems and applies only a clean file', async () => {
    let next = WITH_PROBLEMS;
    const bridge = new FakeDesktopBridge()
      .answer('importScopes', () => [WARD])
      .answer('previewImport', () => next)
      .answer('applyImport', () => ({ ...CLEAN, auditId: '00000000-0000-4000-8000-0000000000aa' }));
    renderWithDesktop(<ImportScreen />, bridge);
    const user = userEvent.setup({ delay: null });
    // By text: while a call runs, the buttons' names carry antd's loading icon too.
    const apply = () => screen.getByText('Áp dụng').closest('button')!;
    const check = () => screen.getByText('Kiểm tra').closest('button')!;
    expect(await screen.findByText(`${WARD.code} – ${WARD.name}`)).toBeTruthy();
    expect(check().disabled).toBe(true);

    const file = fileOf([1, 2, 3], 'phuong.xlsx');
    await user.upload(screen.getByLabelText('Tệp dữ liệu'), file);
    await user.click(check());
    expect(await screen.findByText(WITH_PROBLEMS.problems[0]!.messageVi)).toBeTruthy();
    expect(screen.getByText(WITH_PROBLEMS.problems[1]!.messageVi)).toBeTruthy();
    expect(screen.getByText('2 lỗi — sửa tệp rồi kiểm tra lại')).toBeTruthy();
    await waitFor(() => expect(check().disabled).toBe(false));
    expect(apply().disabled).toBe(true);
    expect(bridge.callsOf('previewImport')).toEqual([
      { orgId: WARD.id, files: [{ name: 'phuong.xlsx', contentBase64: 'AQID' }] },
    ]);

    next = CLEAN;
    await user.click(check());
    expect(await screen.findByText('Không có lỗi')).toBeTruthy();
    await waitFor(() => expect(apply().disabled).toBe(false));
    await user.click(apply());
    await waitFor(() => expect(bridge.callsOf('applyImport')).toHaveLength(1));
    expect(
      await screen.findByText(
        'Đã nhập: tổ chức đảng 2 thêm mới, 0 cập nhật, 0 không đổi; đảng viên 2 thêm mới, 0 cập nhật, 0 không đổi.',
      ),
    ).toBeTruthy();
  });

  it('says why when the server is out of reach', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('importScopes', () => [WARD])
      .answer('previewImport', () => ({
        code: 'offline',
        message: 'an import needs the server, which is unreachable',
        messageVi: 'Cần kết nối mạng để nhập dữ liệu. Vui lòng kiểm tra kết nối và thử lại.',
      }));
    renderWithDesktop(<ImportScreen />, bridge);
    const user = userEvent.setup({ delay: null });
    await screen.findByText(`${WARD.code} – ${WARD.name}`);
    await user.upload(screen.getByLabelText('Tệp dữ liệu'), fileOf([0x78], 'a.csv'));
    await user.click(screen.getByRole('button', { name: 'Kiểm tra' }));
    expect(await screen.findByText(/Cần kết nối mạng để nhập dữ liệu/)).toBeTruthy();
  });
});
