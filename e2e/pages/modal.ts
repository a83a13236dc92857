import type { Locator, Page } from 'playwright-core';

/**
 * Ant Design zooms a modal in from the pointer, and on a loaded machine it can sit still for a
 * frame before it grows: a click aimed at its "Lưu" then lands on whatever slides under the
 * pointer. Page objects click inside a modal only once its opening motion has ended.
 */
export const STILL_MODAL = '.ant-modal:not(.ant-zoom-appear):not(.ant-zoom-enter)';
export const STILL_CONFIRM = '.ant-modal-confirm:not(.ant-zoom-appear):not(.ant-zoom-enter)';

/** The modal around `content`, once it has finished opening. */
export async function stillModal(page: Page, content: Locator): Promise<Locator> {
  const modal = page.locator(STILL_MODAL).filter({ has: content });
  await modal.waitFor();
  return modal;
}
