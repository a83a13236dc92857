// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenCertificateInfo, TokenInfo } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { TokenDialog } from './token-dialog';

afterEach(cleanup);

const DOSSIER = '0b3c8a3e-8f6a-4c55-9d57-1f8f2b1e9a01';
const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';

const cert = (id: string, subjectName: string, usable = true): TokenCertificateInfo => ({
  id,
  label: subjectName,
  subjectName,
  issuerName: 'CA thử nghiệm',
  serialNumber: id,
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2028-01-01T00:00:00.000Z',
  usable,
  fingerprintSha256: id.padEnd(64, '0'),
  problemVi: usable ? null : 'Chứng thư số đã hết hạn.',
});

const token = (slotId: string, over: Partial<TokenInfo>): TokenInfo => ({
  slotId,
  label: `Token ${slotId}`,
  manufacturer: 'SoftHSM',
  serialNumber: `SN${slotId}`,
  pinStatus: 'ok',
  pinWarningVi: null,
  certificates: [],
  ...over,
});

/** A host with these tokens; signing answers `signAnswers` in turn (a refusal or success). */
function hostWith(tokens: () => TokenInfo[]) {
  return new FakeDesktopBridge()
    .answer('listTokens', () => ({
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      tokens: tokens(),
    }))
    .answer('tokenCertificateRegistration', ({ fingerprintSha256 }) => ({
      status: 'registered',
      fingerprintSha256,
      messageVi: 'Chứng thư số đã được đăng ký cho tài khoản này.',
    }));
}

function renderDialog(bridge: FakeDesktopBridge, signed: string[] = []) {
  renderWithDesktop(
    <TokenDialog
      open
      dossierId={DOSSIER}
      title="Ký số giấy giới thiệu"
      onClose={() => undefined}
      onSigned={(id) => signed.push(id)}
    />,
    bridge,
  );
  return { signed, user: userEvent.setup({ delay: null }) };
}

const dialog = () => screen.getByTestId('token-dialog');
const pinField = () => screen.getByTestId('token-pin') as HTMLInputElement;
const signButton = () => screen.getByTestId('token-sign') as HTMLButtonElement;

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the token dialog', { timeout: 180_000 }, () => {
  it('picks the first usable certificate, skipping a locked token and an expired certificate', async () => {
    const bridge = hostWith(() => [
      token('1', {
        pinStatus: 'locked',
        pinWarningVi: 'Mã PIN đã bị khóa.',
        certificates: [cert('aa', 'Người ký trên token khóa')],
      }),
      token('2', {
        certificates: [cert('bb', 'Chứng thư hết hạn', false), cert('cc', 'Nguyễn Văn Ký')],
      }),
    ]);
    renderDialog(bridge);
    await waitFor(() => expect(dialog().dataset.settled).toBe('true'));
    const picked = screen
      .getAllByTestId('token-cert')
      .find((row) => row.querySelector('input[type="radio"]:checked'));
    expect(picked?.dataset.certId).toBe('cc');
    // The locked token's and the expired certificate's choices cannot be taken.
    const disabled = screen
      .getAllByTestId('token-cert')
      .filter((row) => row.querySelector('input[type="radio"]:disabled'))
      .map((row) => row.dataset.certId);
    expect(disabled).toEqual(['aa', 'bb']);
    expect(screen.getByText('Mã PIN đã bị khóa.')).toBeTruthy();
  });

  it('refuses a short PIN without calling the token; a wrong PIN clears the field and reads the token again', async () => {
    let triesLeft = 3;
    const bridge = hostWith(() => [
      token('2', {
        pinStatus: triesLeft < 3 ? 'count_low' : 'ok',
        pinWarningVi: triesLeft < 3 ? `Còn ${triesLeft} lần nhập mã PIN.` : null,
        certificates: [cert('cc', 'Nguyễn Văn Ký')],
      }),
    ]).answer('signAndForwardDossier', ({ pin }) => {
      if (pin === '123456') return { outboxId: OUTBOX, letterSha256: 'ab'.repeat(32) };
      triesLeft -= 1;
      return {
        code: 'pin_incorrect',
        message: 'CKR_PIN_INCORRECT',
        messageVi: 'Mã PIN không đúng.',
      };
    });
    const { signed, user } = renderDialog(bridge);
    await waitFor(() => expect(dialog().dataset.settled).toBe('true'));

    await user.type(pinField(), '12');
    await user.click(signButton());
    await waitFor(() =>
      expect(screen.getByTestId('token-error').textContent).toContain('Mã PIN có ít nhất 4 ký tự.'),
    );
    expect(bridge.callsOf('signAndForwardDossier')).toEqual([]);

    await user.clear(pinField());
    await user.type(pinField(), '0000{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('token-error').textContent).toContain('Mã PIN không đúng.'),
    );
    expect(pinField().value).toBe('');
    // Read again after the refusal: the warning with the tries left is shown.
    await waitFor(() => expect(screen.getByText('Còn 2 lần nhập mã PIN.')).toBeTruthy());
    expect(bridge.callsOf('listTokens').length).toBeGreaterThanOrEqual(2);

    await user.type(pinField(), '123456{Enter}');
    await waitFor(() => expect(signed).toEqual([OUTBOX]));
    expect(bridge.callsOf('signAndForwardDossier')).toEqual([
      { dossierId: DOSSIER, slotId: '2', certificateId: 'cc', pin: '0000' },
      { dossierId: DOSSIER, slotId: '2', certificateId: 'cc', pin: '123456' },
    ]);
  });

  it('cannot sign with a locked token', async () => {
    const bridge = hostWith(() => [
      token('1', {
        pinStatus: 'locked',
        pinWarningVi: 'Mã PIN đã bị khóa.',
        certificates: [cert('aa', 'Người ký')],
      }),
    ]);
    const { user } = renderDialog(bridge);
    await waitFor(() => expect(dialog().dataset.settled).toBe('true'));
    expect(signButton().disabled).toBe(true);
    expect(pinField().disabled).toBe(true);
    await user.click(signButton());
    expect(bridge.callsOf('signAndForwardDossier')).toEqual([]);
  });

  it('says how to plug a token in when there is none, and finds it with "Tìm lại"', async () => {
    let tokens: TokenInfo[] = [];
    const bridge = hostWith(() => tokens);
    const { user } = renderDialog(bridge);
    await waitFor(() =>
      expect(dialog().textContent).toContain(
        'Hãy cắm thiết bị ký số (USB token) rồi bấm "Tìm lại"',
      ),
    );
    tokens = [token('3', { certificates: [cert('dd', 'Trần Thị Ký')] })];
    await user.click(screen.getByRole('button', { name: 'Tìm lại' }));
    await waitFor(() =>
      expect(screen.getByTestId('token-cert-subject').textContent).toBe('Trần Thị Ký'),
    );
    expect(signButton().disabled).toBe(false);
  });
});
