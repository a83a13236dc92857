// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SealImageState } from '../../../../src/desktop/contract-images';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { OrgSealImage } from './org-seal-image';

afterEach(cleanup);

// jsdom's Blob has no arrayBuffer() (Chromium's and Electron's have): read it the older way.
Blob.prototype.arrayBuffer ??= function (this: Blob) {
  return new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(this);
  });
};

const ORG = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const SHA = 'a'.repeat(64);
const state = (over: Partial<SealImageState> = {}): SealImageState => ({
  sha256: null,
  base64: null,
  size: null,
  hasSeal: true,
  canEdit: true,
  ...over,
});
const registered = state({
  sha256: SHA,
  base64: btoa('png bytes'),
  size: { width: 425, height: 425, widthMm: 36, heightMm: 36 },
});

describe('the seal image of an org', { timeout: 60_000 }, () => {
  it('lets the admin upload a PNG, then shows it at its printed size', async () => {
    let now = state();
    const bridge = new FakeDesktopBridge()
      .answer('orgSealImage', () => now)
      .answer('saveOrgSealImage', () => (now = registered));
    renderWithDesktop(<OrgSealImage orgId={ORG} />, bridge);
    const panel = await screen.findByTestId('org-seal-image');
    expect(await within(panel).findByTestId('org-seal-image-empty')).toBeTruthy();
    const input = panel.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.accept).toContain('.png');
    const user = userEvent.setup({ delay: null });
    await user.upload(input, new File(['png bytes'], 'con-dau.png', { type: 'image/png' }));
    await waitFor(() =>
      expect(bridge.callsOf('saveOrgSealImage')).toEqual([
        { orgId: ORG, dataBase64: btoa('png bytes') },
      ]),
    );
    const preview = (await within(panel).findByTestId(
      'org-seal-image-preview',
    )) as HTMLImageElement;
    expect(preview.src).toBe(`data:image/png;base64,${btoa('png bytes')}`);
    expect(within(panel).getByTestId('org-seal-image-size').textContent).toContain('36 × 36 mm');
  });

  it('refuses a file over 750 KB before reading it, and removes the image on confirmation', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('orgSealImage', () => registered)
      .answer('saveOrgSealImage', () => state());
    renderWithDesktop(<OrgSealImage orgId={ORG} />, bridge);
    const panel = await screen.findByTestId('org-seal-image');
    await within(panel).findByTestId('org-seal-image-preview');
    const user = userEvent.setup({ delay: null });
    const input = panel.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(
      input,
      new File([new Uint8Array(800_000)], 'con-dau-lon.png', { type: 'image/png' }),
    );
    expect(await within(panel).findByText(/Ảnh con dấu vượt quá 750 KB/)).toBeTruthy();
    expect(bridge.callsOf('saveOrgSealImage')).toEqual([]);
    await user.click(within(panel).getByRole('button', { name: /Xóa ảnh/ }));
    await user.click(await screen.findByRole('button', { name: 'Xóa' }));
    await waitFor(() =>
      expect(bridge.callsOf('saveOrgSealImage')).toEqual([{ orgId: ORG, dataBase64: null }]),
    );
  });

  it('shows the seal without changing it to a user who is no admin of the org', async () => {
    const bridge = new FakeDesktopBridge().answer('orgSealImage', () => ({
      ...registered,
      canEdit: false,
    }));
    renderWithDesktop(<OrgSealImage orgId={ORG} />, bridge);
    const panel = await screen.findByTestId('org-seal-image');
    await within(panel).findByTestId('org-seal-image-preview');
    expect(within(panel).queryByRole('button', { name: /Thay ảnh|Xóa ảnh/ })).toBeNull();
    expect(panel.querySelector('input[type="file"]')).toBeNull();
  });

  it('says nothing for an org without a seal', async () => {
    const bridge = new FakeDesktopBridge().answer('orgSealImage', () =>
      state({ hasSeal: false, canEdit: false }),
    );
    renderWithDesktop(<OrgSealImage orgId={ORG} />, bridge);
    await waitFor(() => expect(bridge.callsOf('orgSealImage')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Hình ảnh con dấu')).toBeNull());
    expect(screen.queryByTestId('org-seal-image')).toBeNull();
  });
});
