import type { DocumentFile } from '../../../src/desktop/contract';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Saves a generated file where the user chooses: the browser's download (Electron asks where to
 * save it). The browser host cannot show a save dialog of its own.
 */
export function saveDocument(file: DocumentFile): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file.dataBase64)], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
