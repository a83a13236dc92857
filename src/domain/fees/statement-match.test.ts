import { describe, expect, it } from 'vitest';
import {
  decodeStatement,
  matchStatement,
  parseStatementCsv,
  type StatementLine,
} from './statement-match';

const HEADER = 'date,amount,description,bank_reference';

describe('parseStatementCsv', () => {
  it('reads lines in both date forms and grouped amounts', () => {
    const r = parseStatementCsv(
      [
        HEADER,
        '2026-02-03,85000,"Nop dang phi DP2602AB12, T2",FT001',
        '04/02/2026,"1.200.000",CK DP2602CD34,FT002',
        '',
      ].join('\r\n'),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        {
          lineNo: 2,
          date: '2026-02-03',
          amount: 85_000,
          description: 'Nop dang phi DP2602AB12, T2',
          bankReference: 'FT001',
        },
        {
          lineNo: 3,
          date: '2026-02-04',
          amount: 1_200_000,
          description: 'CK DP2602CD34',
          bankReference: 'FT002',
        },
      ],
    });
  });

  it('refuses unknown columns', () => {
    const r = parseStatementCsv(`${HEADER},balance\n2026-02-03,1,x,FT1,5`);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        lineNo: 1,
        message: 'unknown column "balance"',
        messageVi: 'Cột "balance" không thuộc mẫu sao kê được hỗ trợ',
      },
    ]);
  });

  it('reports every bad line and imports none', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('2026-02-05,5000,Nguy'),
      0xc3,
      0x28,
      ...new TextEncoder().encode(',FT9'),
    ]);
    const broken = decodeStatement(bytes);
    const text = [
      HEADER,
      '2026-02-03,85000,DP1,FT001',
      '2026-02-03,85000,DP1,FT001',
      '2026-02-30,-5,DP2,FT002',
      '2026-02-04,12.5,DP3,FT001',
      broken,
      '2026-02-04,abc,"DP4,FT004',
    ].join('\n');
    const r = parseStatementCsv(text);
    expect(r.ok).toBe(false);
    expect(r.problems?.map((p) => [p.lineNo, p.message])).toEqual([
      [3, 'duplicate of line 2'],
      [4, 'bad date "2026-02-30"'],
      [4, 'amount -5 is negative'],
      [5, 'amount 12.5 has a fraction; amounts are whole đồng'],
      [5, 'bank reference repeats line 2'],
      [6, 'broken character encoding (not UTF-8)'],
      [7, 'expected 4 fields'],
    ]);
  });
});

describe('matchStatement', () => {
  const line = (lineNo: number, amount: number, description: string): StatementLine => ({
    lineNo,
    date: '2026-02-03',
    amount,
    description,
    bankReference: `FT${lineNo}`,
  });

  it('matches by reference and amount and leaves the rest for a person', () => {
    const expected = [
      { id: 'p1', reference: 'DP2602AB12', amount: 85_000 },
      { id: 'p2', reference: 'DP2602CD34', amount: 30_000 },
      { id: 'p3', reference: 'DP2602EF56', amount: 5_000 },
      { id: 'p4', reference: 'DP2602AB123', amount: 7_000 },
    ];
    const r = matchStatement(
      [
        line(2, 85_000, 'nop dang phi dp2602-ab12 thang 2'),
        line(3, 35_000, 'DP2602CD34'),
        line(4, 85_000, 'DP2602AB12 lan 2'),
        line(5, 10_000, 'chuyen tien'),
        line(6, 7_000, 'DP2602AB123'),
      ],
      expected,
    );
    expect(r.matched.map((m) => [m.line.lineNo, m.payment.id])).toEqual([
      [2, 'p1'],
      [6, 'p4'],
    ]);
    expect(r.unmatched.map((u) => [u.line.lineNo, u.reason])).toEqual([
      [3, 'amount_differs'],
      [4, 'already_matched'],
      [5, 'no_reference'],
    ]);
    expect(r.unpaid.map((p) => p.id)).toEqual(['p2', 'p3']);
  });
});
