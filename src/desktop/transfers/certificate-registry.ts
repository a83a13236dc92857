import { createHash, X509Certificate } from 'node:crypto';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import { certificateRoutes, type CertificateRegistration } from '../../api/certificates';
import { chainFor } from '../../signing/token/ca-chain';
import type { TokenRegistrationStatus } from '../contract-transfers';
import { DesktopFailure, fail, type ServiceContext } from '../service-context';
import { trustAnchorsOf } from './letter-signing';
import { readTokenCertificate } from './token-access';

// The token dialog's and the admin list's side of the certificate registry: the server accepts a
// signed letter only from a certificate registered to the signer, so the dialog tells whether the
// chosen certificate is registered and offers to register it (online only).

const OFFLINE_VI =
  'Không kết nối được máy chủ nên chưa kiểm tra hay đăng ký được chứng thư số. Hãy kết nối mạng rồi thử lại; máy chủ chỉ nhận văn bản ký bằng chứng thư số đã đăng ký.';

const isOffline = (err: unknown) =>
  (err instanceof ApiClientError && err.code === CLIENT_ERROR.unreachable) ||
  (err instanceof DesktopFailure && err.error.code === 'offline_session');

/** A server call: offline it fails with a clear message, a refusal keeps the server's words. */
async function online<T>(ctx: ServiceContext, run: () => Promise<T>): Promise<T> {
  try {
    ctx.requireServerSession();
    return await run();
  } catch (err) {
    if (isOffline(err)) return fail('offline', 'the server is unreachable', OFFLINE_VI);
    if (err instanceof ApiClientError) return fail(err.code, err.message, err.messageVi);
    throw err;
  }
}

const fingerprintOf = (der: Buffer) => createHash('sha256').update(der).digest('hex');

function statusOf(
  fingerprintSha256: string,
  mine: readonly CertificateRegistration[],
): TokenRegistrationStatus {
  const reg = mine.find((r) => r.fingerprintSha256 === fingerprintSha256);
  if (!reg)
    return {
      status: 'not_registered',
      fingerprintSha256,
      messageVi:
        'Chứng thư số này chưa được đăng ký cho tài khoản của bạn: máy chủ sẽ không nhận văn bản ký bằng nó. Hãy bấm "Đăng ký chứng thư số" (chỉ cần làm một lần).',
    };
  if (reg.revokedAt)
    return {
      status: 'revoked',
      fingerprintSha256,
      messageVi:
        'Đăng ký của chứng thư số này đã bị quản trị viên thu hồi: máy chủ không nhận văn bản ký bằng nó. Hãy liên hệ quản trị viên.',
    };
  return {
    status: 'registered',
    fingerprintSha256,
    messageVi: 'Chứng thư số đã được đăng ký cho tài khoản của bạn.',
  };
}

type TokenCertificateRef = { slotId: string; certificateId: string };

const myRegistrations = async (ctx: ServiceContext) =>
  (await ctx.tracked(ctx.api.request(certificateRoutes.myCertificates))).items;

/** Asked with the fingerprint listTokens gave: no second token read, only the server. */
export async function tokenCertificateRegistration(
  ctx: ServiceContext,
  fingerprintSha256: string,
): Promise<TokenRegistrationStatus> {
  return online(ctx, async () => statusOf(fingerprintSha256, await myRegistrations(ctx)));
}

const pem = (der: Buffer) => new X509Certificate(der).toString();

/** Registers the token certificate, with the CA certificates from the token and trust file. */
export async function registerTokenCertificate(
  ctx: ServiceContext,
  ref: TokenCertificateRef,
): Promise<TokenRegistrationStatus> {
  const { der, caCertificates } = await readTokenCertificate(ctx.signing, ref);
  const pool = [...caCertificates.map((c) => new X509Certificate(c)), ...trustAnchorsOf(ctx)];
  const body = { certificate: pem(der), chain: chainFor(der, pool).map(pem) };
  return online(ctx, async () => {
    await ctx.tracked(ctx.api.request(certificateRoutes.registerMyCertificate, { body }));
    return statusOf(fingerprintOf(der), await myRegistrations(ctx));
  });
}

export function listCertificateRegistrations(ctx: ServiceContext, status: 'active' | 'all') {
  return online(ctx, () =>
    ctx.tracked(ctx.api.request(certificateRoutes.listCertificates, { query: { status } })),
  );
}

export function revokeCertificateRegistration(ctx: ServiceContext, id: string, reason: string) {
  return online(ctx, () =>
    ctx.tracked(
      ctx.api.request(certificateRoutes.revokeCertificate, { params: { id }, body: { reason } }),
    ),
  );
}
