import { describe, expect, it } from 'vitest';
import { accountFlags, orgAccountFlags } from './bank-account-flags';

const account = {
  id: 'a1',
  orgId: 'o1',
  accountNo: '1234567890123',
  holder: 'DANG BO PHUONG VIET HUNG',
  bankName: 'Agribank',
  citadCode: '01204001',
  isActive: true,
};

describe('bank account cross-check', () => {
  it('finds nothing wrong with an active organizational account', () => {
    expect(accountFlags(account)).toEqual([]);
    expect(orgAccountFlags([account])).toEqual([]);
  });

  it("flags a person's account and a bad CITAD code", () => {
    const flags = accountFlags({ ...account, holder: 'NGUYEN VAN AN', citadCode: '0120400' });
    expect(flags.join(' | ')).toContain('nghi là tài khoản cá nhân');
    expect(flags.join(' | ')).toContain('Mã CITAD phải gồm đúng 8 chữ số');
  });

  it('flags an org without an active account, or with several', () => {
    expect(orgAccountFlags([])[0]).toContain('ít nhất một tài khoản');
    expect(orgAccountFlags([{ ...account, isActive: false }])[0]).toContain('Chưa chọn tài khoản');
    expect(orgAccountFlags([account, { ...account, id: 'a2' }])[0]).toContain('Chỉ được chọn');
  });
});
