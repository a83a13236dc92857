import type { DesktopError } from '../../../../src/desktop/contract';

/** '2026-03-05' → '05/03/2026' (a statement's booking date, no time). */
export const dateVi = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A refusal made here, before any call, in the shape of the desktop's own. */
export const invalidInput = (message: string, messageVi: string): DesktopError => ({
  code: 'invalid_input',
  message,
  messageVi,
});

/** The file's bytes as base64, in chunks (a statement can be close to a megabyte). */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
