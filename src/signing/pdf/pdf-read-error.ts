/** Errors of reading an existing PDF: damaged, unsupported or hostile input. */
export class PdfReadError extends Error {
  override readonly name = 'PdfReadError';
}
/** A reference that resolves through itself: refused, never read around. */
export class PdfReferenceLoopError extends PdfReadError {}
