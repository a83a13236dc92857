// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopOutput } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { CertificateRegistrations } from './certificate-registrations';

afterEach(cleanup);

type Registration = DesktopOutput<'listCertificateRegistrations'>['items'][number];

const registration = (n: number, revokedAt: string | null): Registration => ({
  id: `reg-${n}`,
  userId: `user-${n}`,
  userFullName: `Người dùng ${n}`,
  fingerprintSha256: 'ab'.repeat(32),
  subject: `CN=Người dùng ${n}`,
  serial: `0${n}`,
  issuer: 'CN=Test CA',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  registeredAt: '2026-02-01T08:00:00.000Z',
  registeredBy: 'admin',
  revokedAt,
  revokedBy: revokedAt ? 'admin' : null,
  revokedReason: revokedAt ? 'Mất thiết bị ký số' : null,
});

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the registered certificates list', { timeout: 180_000 }, () => {
  it('shows a row per registration, "Thu hồi" only where still active', async () => {
    const bridge = new FakeDesktopBridge().answer('listCertificateRegistrations', () => ({
      items: [registration(1, null), registration(2, '2026-03-01T00:00:00.000Z')],
    }));
    renderWithDesktop(<CertificateRegistrations />, bridge);

    const list = screen.getByTestId('certificate-registrations');
    await waitFor(() => expect(within(list).getByText('Người dùng 1')).toBeTruthy());
    expect(within(list).getByText('Người dùng 2')).toBeTruthy();
    expect(within(list).getAllByTestId('cert-revoke')).toHaveLength(1);
    expect(within(list).getByText('Đã thu hồi')).toBeTruthy();
    expect(bridge.callsOf('listCertificateRegistrations')).toEqual([{ status: 'active' }]);
  });
});
