// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopInput } from '../../../../src/desktop/contract';
import { useState } from 'react';
import type { SigningBatchResult } from '../../../../src/desktop/contract-residence';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { BatchResult, BatchSigning, batchSummaryVi, progressTextVi } from './signing-batch';

afterEach(cleanup);

const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const SHA = 'a'.repeat(64);

const NAMES = new Map([
  ['f1', 'Nguyễn Văn An'],
  ['f2', 'Trần Thị Bình'],
]);

/** The sign screen's use of the batch: the dialog while it runs, the result after. */
function Harness() {
  const [result, setResult] = useState<SigningBatchResult>();
  return result ? (
    <BatchResult
      result={result}
      nameOf={(id) => NAMES.get(id) ?? id}
      onClose={() => setResult(undefined)}
    />
  ) : (
    <BatchSigning open formIds={['f1', 'f2']} onClose={() => undefined} onResult={setResult} />
  );
}

type BatchInput = DesktopInput<'signAndSendResidenceForms'>;

/** A committee's host with one token; the batch answers as `batch` says. */
function host(
  batch: (input: BatchInput) => Promise<SigningBatchResult | ReturnType<typeof pinError>>,
) {
  return new FakeDesktopBridge()
    .answer('listTokens', () => ({
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      tokens: [
        {
          slotId: '1',
          label: 'Token đảng ủy',
          manufacturer: 'SoftHSM',
          serialNumber: 'SN1',
          pinStatus: 'ok',
          pinWarningVi: null,
          certificates: [
            {
              id: 'cc',
              label: 'Đảng ủy phường',
              subjectName: 'Đảng ủy Phường Việt Hưng',
              issuerName: 'CA thử nghiệm',
              serialNumber: 'cc',
              validFrom: '2026-01-01T00:00:00.000Z',
              validTo: '2028-01-01T00:00:00.000Z',
              usable: true,
              fingerprintSha256: 'c'.repeat(64),
              problemVi: null,
            },
          ],
        },
      ],
    }))
    .answer('tokenCertificateRegistration', ({ fingerprintSha256 }) => ({
      status: 'registered',
      fingerprintSha256,
      messageVi: 'Chứng thư số đã được đăng ký cho tài khoản này.',
    }))
    .answer('signAndSendResidenceForms', batch)
    .answer('cancelSigningBatch', () => ({}));
}

const pinError = () => ({
  code: 'pin_incorrect',
  message: 'wrong PIN',
  messageVi: 'Mã PIN không đúng. Còn 2 lần thử.',
});

async function startBatch(bridge: FakeDesktopBridge) {
  renderWithDesktop(<Harness />, bridge);
  const user = userEvent.setup({ delay: null });
  await user.type(await screen.findByTestId('token-pin'), '123456');
  await user.click(screen.getByTestId('token-sign'));
  return user;
}

describe('the result of a batch', () => {
  it('says what was signed and queued, what was not, and why it stopped', () => {
    const signed = [{ id: 'f1', outboxId: OUTBOX, sha256: SHA }];
    const notSigned = [{ id: 'f2', code: 'token_removed', messageVi: 'Thiết bị đã bị rút ra.' }];
    expect(batchSummaryVi({ signed, notSigned: [], tokenRemoved: false, cancelled: false })).toBe(
      'Đã ký và xếp gửi 1 phiếu.',
    );
    expect(batchSummaryVi({ signed, notSigned, tokenRemoved: true, cancelled: false })).toBe(
      'Đã ký và xếp gửi 1 phiếu; 1 phiếu chưa ký (thiết bị ký số đã bị rút ra giữa chừng).',
    );
    expect(batchSummaryVi({ signed: [], notSigned, tokenRemoved: false, cancelled: true })).toBe(
      'Đã ký và xếp gửi 0 phiếu; 1 phiếu chưa ký (đã dừng ký).',
    );
    expect(progressTextVi({ done: 17, total: 62 })).toBe('Đang ký 17/62');
  });
});

describe('signing many forms with one PIN', { timeout: 180_000 }, () => {
  it('follows its own batch’s progress, stops on "Dừng ký", and lists the clean result', async () => {
    let finish: (r: SigningBatchResult) => void = () => undefined;
    const bridge = host(() => new Promise((resolve) => (finish = resolve)));
    const user = await startBatch(bridge);

    await waitFor(() => expect(bridge.callsOf('signAndSendResidenceForms')).toHaveLength(1));
    const input = bridge.callsOf('signAndSendResidenceForms')[0] as BatchInput;
    // One PIN for every form checked, under a batch id of its own.
    expect(input).toMatchObject({ slotId: '1', certificateId: 'cc', pin: '123456' });
    expect(input.formIds).toEqual(['f1', 'f2']);
    expect(input.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByTestId('batch-progress-text').textContent).toBe('Đang ký 0/2');

    act(() =>
      bridge.emit({
        type: 'signing-progress',
        progress: { batchId: input.batchId, done: 1, total: 2, signed: 1, currentId: 'f2' },
      }),
    );
    expect(screen.getByTestId('batch-progress-text').textContent).toBe('Đang ký 1/2');
    // Another batch's progress is not this one's.
    act(() =>
      bridge.emit({
        type: 'signing-progress',
        progress: {
          batchId: '00000000-0000-4000-8000-000000000009',
          done: 9,
          total: 62,
          signed: 9,
          currentId: 'x',
        },
      }),
    );
    expect(screen.getByTestId('batch-progress-text').textContent).toBe('Đang ký 1/2');

    await user.click(screen.getByRole('button', { name: /Dừng ký/ }));
    await waitFor(() =>
      expect(bridge.callsOf('cancelSigningBatch')).toEqual([{ batchId: input.batchId }]),
    );

    await act(async () =>
      finish({
        signed: [{ id: 'f1', outboxId: OUTBOX, sha256: SHA }],
        notSigned: [{ id: 'f2', code: 'cancelled', messageVi: 'Đã dừng ký trước phiếu này.' }],
        tokenRemoved: false,
        cancelled: true,
      }),
    );
    const result = await screen.findByTestId('batch-result');
    expect(
      within(result).getByText('Đã ký và xếp gửi 1 phiếu; 1 phiếu chưa ký (đã dừng ký).'),
    ).toBeTruthy();
    expect(within(result).getByTestId('batch-signed').textContent).toBe('Nguyễn Văn An');
    expect(within(result).getByTestId('batch-unsigned').textContent).toBe(
      'Trần Thị BìnhĐã dừng ký trước phiếu này.',
    );
    await waitFor(() => expect(screen.queryByTestId('token-dialog')).toBeNull());
  });

  it('a wrong PIN signs nothing: the dialog stays with the token’s word, no result', async () => {
    const bridge = host(async () => pinError());
    await startBatch(bridge);
    expect((await screen.findByTestId('token-error')).textContent).toContain(
      'Mã PIN không đúng. Còn 2 lần thử.',
    );
    // Asked once: the PIN is never tried again by itself.
    expect(bridge.callsOf('signAndSendResidenceForms')).toHaveLength(1);
    expect(screen.queryByTestId('batch-result')).toBeNull();
    expect((screen.getByTestId('token-pin') as HTMLInputElement).value).toBe('');
  });
});
