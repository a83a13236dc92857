/** Dates as Vietnamese users write them: dd/MM/yyyy (DESIGN.md, UI). */

const pad = (n: number) => String(n).padStart(2, '0');

/** '1975-04-30' or an ISO time → '30/04/1975'; empty for null, the input itself if unreadable. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return value;
  return `${pad(time.getDate())}/${pad(time.getMonth() + 1)}/${time.getFullYear()}`;
}

/** An ISO time in local time: '23/11/2025 15:20:07'. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return value;
  return `${formatDate(value)} ${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
}

const counts = new Intl.NumberFormat('vi-VN');
/** 12345 → '12.345' */
export const formatCount = (n: number): string => counts.format(n);

/** The Vietnamese label of a code, or the code itself when it has none. */
export function labelOf<T extends Record<string, string>>(
  labels: T,
  code: string | null | undefined,
): string {
  if (code === null || code === undefined) return '';
  return Object.prototype.hasOwnProperty.call(labels, code) ? (labels[code] ?? code) : code;
}
