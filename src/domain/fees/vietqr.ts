import { fail, ok, type Result } from '../common/result';

/**
 * NAPAS VietQR: an EMVCo merchant-presented QR payload of TLV fields (2-digit id, 2-digit length,
 * value), ending with a CRC-16/CCITT-FALSE over the whole text including "6304".
 */

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor; over UTF-8 bytes. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** One TLV field; the length counts characters, which the payload keeps to ASCII. */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new RangeError(`TLV id must be 2 digits, got ${id}`);
  if (value.length > 99) throw new RangeError(`TLV ${id} value longer than 99`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

export interface TlvField {
  id: string;
  value: string;
}

/** Splits a TLV string into fields; null when it does not parse exactly. */
export function parseTlv(text: string): TlvField[] | null {
  const fields: TlvField[] = [];
  let i = 0;
  while (i < text.length) {
    const head = text.slice(i, i + 4);
    if (!/^\d{4}$/.test(head)) return null;
    const len = Number(head.slice(2));
    const value = text.slice(i + 4, i + 4 + len);
    if (value.length !== len) return null;
    fields.push({ id: head.slice(0, 2), value });
    i += 4 + len;
  }
  return fields;
}

export interface VietQrInput {
  /** 6-digit NAPAS bank identification number (BIN), e.g. 970436 for Vietcombank. */
  bin: string;
  accountNo: string;
  /** Whole đồng, > 0 (a dynamic QR always carries its amount). */
  amount: number;
  /** The payment reference, put in the transfer description (field 62, sub-field 08). */
  reference: string;
}

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TO_ACCOUNT = 'QRIBFTTA';

export type VietQrCode = 'bin_invalid' | 'account_invalid' | 'amount_invalid' | 'reference_invalid';

/** The payload text of a dynamic VietQR for a transfer to an account. */
export function vietQrPayload(input: VietQrInput): Result<string, VietQrCode> {
  if (!/^\d{6}$/.test(input.bin))
    return fail(
      'bin_invalid',
      `BIN must be 6 digits, got ${input.bin}`,
      'Mã BIN ngân hàng phải gồm 6 chữ số',
    );
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNo))
    return fail(
      'account_invalid',
      `account number ${input.accountNo} is not 1–19 letters or digits`,
      'Số tài khoản không hợp lệ',
    );
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || String(input.amount).length > 13)
    return fail(
      'amount_invalid',
      `amount ${input.amount} is not a positive whole number of đồng`,
      'Số tiền không hợp lệ',
    );
  // Banks drop or mangle anything but letters, digits and spaces in transfer descriptions.
  if (!/^[0-9A-Za-z ]{1,25}$/.test(input.reference))
    return fail(
      'reference_invalid',
      `reference ${input.reference} must be 1–25 ASCII letters, digits or spaces`,
      'Mã tham chiếu thanh toán không hợp lệ',
    );
  const beneficiary = tlv('00', input.bin) + tlv('01', input.accountNo);
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', SERVICE_TO_ACCOUNT);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    tlv('54', String(input.amount)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', input.reference)) +
    '6304';
  return ok(body + crc16CcittFalse(body).toString(16).toUpperCase().padStart(4, '0'));
}

/** Reads a VietQR payload back (checking its CRC): for tests and for scanning our own QR. */
export function readVietQr(payload: string): VietQrInput | null {
  const crc = payload.slice(-4);
  if (crc16CcittFalse(payload.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0') !== crc)
    return null;
  const top = parseTlv(payload);
  if (!top) return null;
  const get = (fields: TlvField[] | null, id: string) => fields?.find((f) => f.id === id)?.value;
  const merchant = parseTlv(get(top, '38') ?? '');
  const beneficiary = parseTlv(get(merchant, '01') ?? '');
  const extra = parseTlv(get(top, '62') ?? '');
  const bin = get(beneficiary, '00');
  const accountNo = get(beneficiary, '01');
  const amount = get(top, '54');
  const reference = get(extra, '08');
  if (get(merchant, '00') !== NAPAS_GUID || !bin || !accountNo || !amount || !reference)
    return null;
  return { bin, accountNo, amount: Number(amount), reference };
}
