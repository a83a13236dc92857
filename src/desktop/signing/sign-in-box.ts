import type { X509Certificate } from 'node:crypto';
import type { CmsOptions } from '../../signing/cms/signed-data';
import { withLtvWhenReachable } from '../../signing/pdf/dss';
import { signPdf } from '../../signing/pdf/sign-pdf';
import { embeddedChain } from '../../signing/token/ca-chain';
import { cmsSignerOf } from '../../signing/token/cms-signer';
import { rfc3161Timestamper, TimestampError } from '../../signing/tsa/tsa-client';
import type { DesktopSigningOptions } from '../service-context';
import { withTokenSigner } from '../transfers/token-access';

export interface SignInBoxRequest {
  pdf: Buffer;
  /** The document's signature box; null: signPdf's default place (bottom right, last page). */
  box: { page: number; rect: [number, number, number, number] } | null;
  reason: string;
  location?: string;
  /** The signer's registered signature image, drawn above his name. */
  signatureImage?: Buffer;
  sealImage?: Buffer;
  slotId: string;
  certificateId: string;
  pin: string;
  now: Date;
  anchors: X509Certificate[];
}

/**
 * One PDF signed in its box with the token, as an incremental signature (what came before stays
 * byte for byte): PAdES B-T with a TSA configured, B-B rather than no signature when the TSA
 * cannot be reached (offline), then B-LT when the CA's responders answer. The caller checks the
 * result before anything is kept or queued.
 */
export async function signInBox(
  signing: DesktopSigningOptions,
  req: SignInBoxRequest,
): Promise<Buffer> {
  const signedBt = await withTokenSigner(
    signing,
    { slotId: req.slotId, certificateId: req.certificateId, pin: req.pin, now: req.now },
    async ({ signer, caCertificates }) => {
      const cms: CmsOptions = {
        chain: embeddedChain(signer.certificate.der, caCertificates, req.anchors),
      };
      const sign = (withTimestamp: boolean) =>
        signPdf(
          req.pdf,
          cmsSignerOf(signer),
          {
            signerName: signer.certificate.commonName,
            ...(req.box ? { page: req.box.page, rect: req.box.rect } : {}),
            reason: req.reason,
            ...(req.location ? { location: req.location } : {}),
            ...(req.signatureImage ? { signatureImage: req.signatureImage } : {}),
            ...(req.sealImage ? { sealImage: req.sealImage } : {}),
            time: req.now,
          },
          withTimestamp && signing.tsaUrl
            ? { ...cms, timestamp: rfc3161Timestamper(signing.tsaUrl) }
            : cms,
        );
      try {
        return await sign(true);
      } catch (err) {
        if (!(err instanceof TimestampError) || err.code !== 'TSA_UNREACHABLE') throw err;
        console.warn(
          `timestamp authority unreachable, signing without a timestamp: ${err.message}`,
        );
        return sign(false);
      }
    },
  );
  return withLtvWhenReachable(signedBt, { trustAnchors: req.anchors, timeoutMs: 3_000 });
}
