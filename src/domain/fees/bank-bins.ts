/**
 * Banks by the 3-digit bank part of a CITAD code (2 province + 3 bank + 3 branch digits), with
 * the 6-digit NAPAS BIN a VietQR payload needs. A VietQR is drawn only for banks listed here.
 *
 * Sources: the State Bank's bank codes as CITAD uses them and NAPAS's member BINs, as collected
 * in the NAPAS bank list JSON ("banksnapas": bankCode = CITAD bank code, bankId = BIN) that
 * Vietnamese merchants embed (e.g. github.com/tranviet2010/choonline src/utils/provide/bank.js),
 * cross-checked against the VietQR BIN tables of vietqr.io/napas 247 ("970436 Vietcombank",
 * "970415 VietinBank", …). Every bank the generator uses (scripts/gen/banks.ts) is here.
 */
export interface BankInfo {
  /** Short name as the admin screen shows it. */
  name: string;
  /** NAPAS bank identification number; null when the bank is not in NAPAS 247 (no VietQR). */
  bin: string | null;
}

export const BANKS_BY_CITAD: Readonly<Record<string, BankInfo>> = {
  '201': { name: 'VietinBank', bin: '970415' },
  '202': { name: 'BIDV', bin: '970418' },
  '203': { name: 'Vietcombank', bin: '970436' },
  '204': { name: 'Agribank', bin: '970405' },
  '207': { name: 'Ngân hàng Chính sách xã hội', bin: null },
  '302': { name: 'MSB', bin: '970426' },
  '303': { name: 'Sacombank', bin: '970403' },
  '304': { name: 'DongA Bank', bin: '970406' },
  '305': { name: 'Eximbank', bin: '970431' },
  '306': { name: 'Nam A Bank', bin: '970428' },
  '307': { name: 'ACB', bin: '970416' },
  '308': { name: 'Saigonbank', bin: '970400' },
  '309': { name: 'VPBank', bin: '970432' },
  '310': { name: 'Techcombank', bin: '970407' },
  '311': { name: 'MB', bin: '970422' },
  '313': { name: 'Bac A Bank', bin: '970409' },
  '314': { name: 'VIB', bin: '970441' },
  '317': { name: 'SeABank', bin: '970440' },
  '319': { name: 'OceanBank', bin: '970414' },
  '320': { name: 'GPBank', bin: '970408' },
  '321': { name: 'HDBank', bin: '970437' },
  '323': { name: 'ABBANK', bin: '970425' },
  '327': { name: 'Viet Capital Bank', bin: '970454' },
  '333': { name: 'OCB', bin: '970448' },
  '334': { name: 'SCB', bin: '970429' },
  '341': { name: 'PG Bank', bin: '970430' },
  '348': { name: 'SHB', bin: '970443' },
  '352': { name: 'NCB', bin: '970419' },
  '353': { name: 'Kienlongbank', bin: '970452' },
  '355': { name: 'VietABank', bin: '970427' },
  '356': { name: 'Vietbank', bin: '970433' },
  '357': { name: 'LPBank', bin: '970449' },
  '359': { name: 'BaoViet Bank', bin: '970438' },
  '360': { name: 'PVcomBank', bin: '970412' },
  /** Kho bạc Nhà nước: party fees must not go to a treasury account (admin guide 002). */
  '701': { name: 'Kho bạc Nhà nước', bin: null },
};

/** The CITAD bank code of the State Treasury (Kho bạc Nhà nước). */
export const TREASURY_CITAD_BANK = '701';

/** The bank of an 8-digit CITAD code, or null when the bank part is not known. */
export function bankOfCitad(citadCode: string): (BankInfo & { citadBank: string }) | null {
  if (!/^\d{8}$/.test(citadCode)) return null;
  const citadBank = citadCode.slice(2, 5);
  const bank = BANKS_BY_CITAD[citadBank];
  return bank ? { ...bank, citadBank } : null;
}
