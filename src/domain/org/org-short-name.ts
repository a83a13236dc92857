/**
 * The part of a party organization's name that tells it from its siblings. In a list, every cell
 * of a ward reads "Chi bộ Tổ dân phố …" and a narrow column cuts the name before the number;
 * without its type word the name shows what differs ("Tổ dân phố số 1"). The full name stays
 * on hover and in the detail.
 */

/**
 * Type words that open an org's name, the longest first so that "Chi bộ cơ sở X" loses all three
 * words, not only "Chi bộ". Written in NFC; names are compared in NFC too.
 */
const TYPE_PREFIXES = [
  'Đảng bộ bộ phận',
  'Đảng bộ cơ sở',
  'Chi bộ cơ sở',
  'Chi bộ trực thuộc',
  'Đảng bộ',
  'Đảng ủy',
  'Đảng uỷ',
  'Chi bộ',
  'Chi ủy',
  'Chi uỷ',
].map((p) => p.normalize('NFC'));

/**
 * "Chi bộ Tổ dân phố số 1" → "Tổ dân phố số 1"; "Đảng bộ Phường Việt Hưng" → "Phường Việt Hưng";
 * a name that is no more than its type word, or has none, is returned whole (trimmed).
 */
export function orgShortName(fullName: string): string {
  const name = fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  const lower = name.toLocaleLowerCase('vi');
  for (const prefix of TYPE_PREFIXES) {
    const p = prefix.toLocaleLowerCase('vi');
    if (!lower.startsWith(`${p} `)) continue;
    const rest = name.slice(prefix.length + 1).trim();
    if (rest !== '') return rest;
  }
  return name;
}
