const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ'];

/** One group of three digits; `full` = not the leading group, so "không trăm" and "linh" show. */
function readGroup(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h] as string, 'trăm');
  if (t === 0) {
    if (u > 0 && words.length > 0) words.push('linh');
  } else if (t === 1) words.push('mười');
  else words.push(DIGITS[t] as string, 'mươi');
  if (u === 1 && t >= 2) words.push('mốt');
  else if (u === 5 && t >= 1) words.push('lăm');
  else if (u > 0) words.push(DIGITS[u] as string);
  return words;
}

/** "Một trăm linh năm nghìn đồng": the amount in words, as receipts write it (up to 999 tỷ). */
export function amountInWordsVi(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount >= 1e12)
    throw new RangeError(`amount ${amount} is not whole đồng below 10^12`);
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as number;
    if (g === 0) continue;
    words.push(...readGroup(g, i < groups.length - 1));
    if (SCALES[i]) words.push(SCALES[i] as string);
  }
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
