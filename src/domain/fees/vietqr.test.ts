import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, parseTlv, readVietQr, vietQrPayload } from './vietqr';

describe('VietQR', () => {
  it('computes CRC-16/CCITT-FALSE with the standard check value', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse('')).toBe(0xffff);
  });

  it('builds the NAPAS TLV layout and reads it back', () => {
    const input = {
      bin: '970436',
      accountNo: '0011004567890',
      amount: 85_000,
      reference: 'DP2602A1B2C3',
    };
    const r = vietQrPayload(input);
    if (!r.ok) throw new Error(r.message);
    const payload = r.value;
    expect(payload.startsWith('000201010212')).toBe(true);
    const fields = parseTlv(payload);
    expect(fields?.map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(fields?.find((f) => f.id === '38')?.value).toBe(
      '0010A000000727' + '0127' + '0006970436' + '0113' + '0011004567890' + '0208QRIBFTTA',
    );
    expect(payload).toContain('5303704540585000' + '5802VN' + '62160812DP2602A1B2C3' + '6304');
    expect(readVietQr(payload)).toEqual(input);
    // A changed character breaks the CRC.
    expect(readVietQr(payload.replace('85000', '95000'))).toBeNull();
  });

  it('refuses what a bank would mangle or reject', () => {
    const base = { bin: '970436', accountNo: '0011004567890', amount: 1, reference: 'DP1' };
    expect(vietQrPayload({ ...base, bin: '97043' })).toMatchObject({ code: 'bin_invalid' });
    expect(vietQrPayload({ ...base, accountNo: '001-100' })).toMatchObject({
      code: 'account_invalid',
    });
    expect(vietQrPayload({ ...base, amount: 0 })).toMatchObject({ code: 'amount_invalid' });
    expect(vietQrPayload({ ...base, amount: 1.5 })).toMatchObject({ code: 'amount_invalid' });
    expect(vietQrPayload({ ...base, reference: 'Đảng phí' })).toMatchObject({
      code: 'reference_invalid',
    });
  });
});
