/** Money and months as the fee screens show them. */

const dong = new Intl.NumberFormat('vi-VN');

/** 125000 → '125.000 đ' */
export const formatMoney = (amount: number): string => `${dong.format(amount)} đ`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month of a date as 'YYYY-MM' (local time). */
export const monthOf = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;

/** '2026-03' → 'Tháng 03/2026' */
export function monthLabel(month: string): string {
  const [year, mm] = month.split('-');
  return `Tháng ${mm}/${year}`;
}

/** The months offered by the pickers: next month, this month and the `back` before, newest first. */
export function recentMonths(now: Date, back = 17): string[] {
  const months: string[] = [];
  for (let i = -1; i <= back; i++)
    months.push(monthOf(new Date(now.getFullYear(), now.getMonth() - i, 1)));
  return months;
}

/** Time left until `deadline`, in Vietnamese ('1 ngày 3 giờ', '45 phút'); '' when past. */
export function timeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  if (!(ms > 0)) return '';
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} ngày ${hours} giờ`;
  if (hours > 0) return `${hours} giờ ${mins} phút`;
  return `${mins} phút`;
}
