// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { SignatureImageView } from './signature-image-view';

afterEach(cleanup);

Blob.prototype.arrayBuffer ??= function (this: Blob) {
  return new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(this);
  });
};

const NONE = { sha256: null, base64: null, size: null };

describe('"Chữ ký" of the own account', { timeout: 60_000 }, () => {
  it('uploads the user’s signature and shows the app’s refusal in Vietnamese', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('mySignatureImage', () => NONE)
      .answer('saveMySignatureImage', () => ({
        code: 'invalid_signature_image',
        message: 'a signature image must have a transparent background',
        messageVi: 'Ảnh chữ ký phải có nền trong suốt (PNG có kênh alpha).',
      }));
    renderWithDesktop(<SignatureImageView />, bridge);
    const panel = await screen.findByTestId('signature-image');
    expect((await within(panel).findByTestId('signature-image-empty')).textContent).toContain(
      'Chưa có ảnh chữ ký',
    );
    const user = userEvent.setup({ delay: null });
    const input = panel.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['scan'], 'chu-ky.png', { type: 'image/png' }));
    await waitFor(() =>
      expect(bridge.callsOf('saveMySignatureImage')).toEqual([{ dataBase64: btoa('scan') }]),
    );
    expect(await within(panel).findByText(/phải có nền trong suốt/)).toBeTruthy();
  });

  it('says when the registered image is not on this machine yet', async () => {
    const bridge = new FakeDesktopBridge().answer('mySignatureImage', () => ({
      ...NONE,
      sha256: 'b'.repeat(64),
    }));
    renderWithDesktop(<SignatureImageView />, bridge);
    expect(await screen.findByText(/chưa được tải về máy/)).toBeTruthy();
  });
});
