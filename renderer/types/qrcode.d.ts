/**
 * The browser half of `qrcode`'s API. @types/qrcode references Node's types (for its stream and
 * file writers), which would give the whole renderer project Node globals; renderer/tsconfig.json
 * maps `qrcode` here instead. Extend it when the renderer needs more of the library.
 */
export type QRCodeErrorCorrectionLevel =
  'low' | 'medium' | 'quartile' | 'high' | 'L' | 'M' | 'Q' | 'H';

export interface QRCodeToDataURLOptions {
  version?: number;
  errorCorrectionLevel?: QRCodeErrorCorrectionLevel;
  type?: 'image/png' | 'image/jpeg' | 'image/webp';
  margin?: number;
  scale?: number;
  width?: number;
  color?: { dark?: string; light?: string };
}

export function toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>;

declare const QRCode: { toDataURL: typeof toDataURL };
export default QRCode;
