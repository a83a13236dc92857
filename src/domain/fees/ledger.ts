/** The monthly fee ledger of a cell ("sổ theo dõi thu nộp đảng phí"). */

export interface LedgerInput {
  year: number;
  /** Months 1..upToMonth are counted (the ledger of the year so far). */
  upToMonth: number;
  members: readonly { memberId: string; fullName: string }[];
  /** Approved amounts by member, then 'YYYY-MM'. */
  due: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Paid amounts by member, then 'YYYY-MM'. */
  paid: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface LedgerMonth {
  month: string;
  due: number;
  paid: number;
  outstanding: number;
}

export interface LedgerRow {
  memberId: string;
  fullName: string;
  months: LedgerMonth[];
  due: number;
  paid: number;
  outstanding: number;
  unpaidMonths: number;
  /** 3 or more unpaid months in the year: the cell considers removal (01-QĐ/TW). */
  flagged: boolean;
}

export const UNPAID_MONTHS_FLAG = 3;

export function buildCellLedger(input: LedgerInput): { rows: LedgerRow[]; totals: LedgerMonth[] } {
  const months = Array.from(
    { length: input.upToMonth },
    (_, i) => `${input.year}-${String(i + 1).padStart(2, '0')}`,
  );
  const rows = input.members.map((m) => {
    const cells = months.map((month) => {
      const due = input.due.get(m.memberId)?.get(month) ?? 0;
      const paid = input.paid.get(m.memberId)?.get(month) ?? 0;
      return { month, due, paid, outstanding: Math.max(0, due - paid) };
    });
    const unpaidMonths = cells.filter((c) => c.outstanding > 0).length;
    return {
      memberId: m.memberId,
      fullName: m.fullName,
      months: cells,
      due: cells.reduce((s, c) => s + c.due, 0),
      paid: cells.reduce((s, c) => s + c.paid, 0),
      outstanding: cells.reduce((s, c) => s + c.outstanding, 0),
      unpaidMonths,
      flagged: unpaidMonths >= UNPAID_MONTHS_FLAG,
    };
  });
  const totals = months.map((month, i) => ({
    month,
    due: rows.reduce((s, r) => s + (r.months[i]?.due ?? 0), 0),
    paid: rows.reduce((s, r) => s + (r.months[i]?.paid ?? 0), 0),
    outstanding: rows.reduce((s, r) => s + (r.months[i]?.outstanding ?? 0), 0),
  }));
  return { rows, totals };
}
