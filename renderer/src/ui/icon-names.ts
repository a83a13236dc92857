/**
 * Ant Design icons name themselves in English (`aria-label="search"`), inside our buttons and in
 * Ant Design's own controls alike, so a screen reader said "cloud-sync Đồng bộ" or "search". This
 * pass over the page makes an icon beside text silent, names one that stands alone in Vietnamese
 * when its meaning is known, and leaves names we gave (a Vietnamese `aria-label`) alone.
 */

/** Icons that stand alone in Ant Design's controls (and ours), by their icon name. */
export const ICON_NAMES_VI: Readonly<Record<string, string>> = {
  search: 'Tìm kiếm',
  close: 'Đóng',
  'close-circle': 'Xóa nội dung',
  eye: 'Hiện mật khẩu',
  'eye-invisible': 'Ẩn mật khẩu',
  left: 'Trước',
  right: 'Sau',
  'double-left': 'Lùi nhiều trang',
  'double-right': 'Tiến nhiều trang',
  plus: 'Thêm',
  minus: 'Bớt',
  delete: 'Xóa',
  edit: 'Sửa',
  reload: 'Tải lại',
  download: 'Tải xuống',
  upload: 'Tải lên',
  'file-pdf': 'Tệp PDF',
  'file-excel': 'Tệp Excel',
  loading: 'Đang tải',
  'question-circle': 'Giải thích',
  'info-circle': 'Thông tin',
};

const ICONS = 'span.anticon[role="img"]';
/** Where an icon's meaning is read from: the control it sits in, else its parent. */
const HOSTS = 'button, a, [role="button"], [role="menuitem"], [role="tab"], [role="option"]';

/** Marks a name this pass gave, so it can take it back when text comes beside the icon. */
const NAMED_HERE = 'data-icon-named';

const iconNameOf = (icon: Element): string | undefined =>
  [...icon.classList]
    .find((c) => c.startsWith('anticon-') && c !== 'anticon-spin')
    ?.slice('anticon-'.length);

/** Gives one icon the name (or the silence) it should have. */
export function nameIcon(icon: HTMLElement): void {
  const name = iconNameOf(icon);
  const label = icon.getAttribute('aria-label');
  // An author named it on purpose (not Ant Design, not this pass).
  if (label && label !== name && !icon.hasAttribute(NAMED_HERE)) return;
  const host = icon.closest(HOSTS) ?? icon.parentElement;
  const hostNamed =
    host !== null && (host.hasAttribute('aria-label') || (host.textContent ?? '').trim() !== '');
  const vietnamese = name ? ICON_NAMES_VI[name] : undefined;
  if (hostNamed || !vietnamese) {
    icon.setAttribute('aria-hidden', 'true');
    icon.removeAttribute('aria-label');
    icon.removeAttribute(NAMED_HERE);
  } else {
    icon.removeAttribute('aria-hidden');
    icon.setAttribute('aria-label', vietnamese);
    icon.setAttribute(NAMED_HERE, '');
  }
}

function nameIconsIn(node: Node): void {
  // Text that came after its control's icon (a label set later): the icon falls silent.
  if (node instanceof Text) {
    const host = node.parentElement?.closest(HOSTS);
    if (host) nameIconsIn(host);
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  if (node.matches(ICONS)) nameIcon(node);
  node.querySelectorAll<HTMLElement>(ICONS).forEach(nameIcon);
}

/**
 * Names every icon under `root` now and as the page changes (screens, dialogs and menus that
 * Ant Design adds to the body); returns the stop.
 */
export function watchIconNames(root: HTMLElement): () => void {
  nameIconsIn(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(nameIconsIn);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
