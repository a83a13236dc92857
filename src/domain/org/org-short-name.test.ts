import { describe, expect, it } from 'vitest';
import { orgShortName } from './org-short-name';

describe('orgShortName', () => {
  it.each([
    ['Chi bộ Tổ dân phố số 1', 'Tổ dân phố số 1'],
    ['Đảng bộ Phường Việt Hưng', 'Phường Việt Hưng'],
    ['Đảng bộ Thành phố Hà Nội', 'Thành phố Hà Nội'],
    ['Đảng bộ bộ phận Phòng Kế hoạch', 'Phòng Kế hoạch'],
    ['Chi bộ cơ sở Công ty Cổ phần May 10', 'Công ty Cổ phần May 10'],
    ['Đảng bộ cơ sở Trường THPT Nguyễn Trãi', 'Trường THPT Nguyễn Trãi'],
    ['Chi bộ trực thuộc Đồn Biên phòng A', 'Đồn Biên phòng A'],
    ['Đảng ủy Khối các cơ quan', 'Khối các cơ quan'],
    ['Đảng bộ Các cơ quan Đảng Trung ương', 'Các cơ quan Đảng Trung ương'],
    ['Chi bộ Văn phòng Đảng ủy', 'Văn phòng Đảng ủy'],
  ])('%s → %s', (full, short) => {
    expect(orgShortName(full)).toBe(short);
  });

  it('keeps a name that is only its type word, or has none', () => {
    expect(orgShortName('Chi bộ')).toBe('Chi bộ');
    expect(orgShortName('Đảng bộ ')).toBe('Đảng bộ');
    expect(orgShortName('Ban Tổ chức Thành ủy')).toBe('Ban Tổ chức Thành ủy');
  });

  it('reads the type word whatever its case, spacing and Unicode form', () => {
    expect(orgShortName('chi bộ  Tổ dân phố số 2')).toBe('Tổ dân phố số 2');
    expect(orgShortName('CHI BỘ Tổ dân phố số 3')).toBe('Tổ dân phố số 3');
    expect(orgShortName('Chi bộ Tổ dân phố số 4'.normalize('NFD'))).toBe('Tổ dân phố số 4');
  });

  it('does not cut a word that only begins like a type word', () => {
    expect(orgShortName('Chi bộtest')).toBe('Chi bộtest');
    expect(orgShortName('Đảng bộphận X')).toBe('Đảng bộphận X');
  });
});
