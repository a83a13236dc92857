/** Adapts a token signer to what the CMS builder needs. */
import type { CmsSigner } from '../cms/signed-data';
import type { TokenSigner } from './token-session';

export function cmsSignerOf(signer: TokenSigner): CmsSigner {
  return {
    certificate: signer.certificate.der,
    keyType: signer.keyType,
    sign: (data) => signer.sign(data),
  };
}
