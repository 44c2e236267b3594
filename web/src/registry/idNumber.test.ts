import { describe, expect, it } from 'vitest';

import { ageOn, checkChar, checkIdNumber, isPhoneNumber } from './idNumber';

const TODAY = '2026-11-30';

describe('checkIdNumber (GB 11643-1999, MOD 11-2)', () => {
  it('computes the check character of known numbers', () => {
    // The standard's worked example and the server's test numbers (registry/id_number_test.cc).
    expect(checkChar('11010519491231002')).toBe('X');
    expect(checkChar('51010819900307123')).toBe('2');
    expect(checkChar('44030420000229001')).toBe('4');
    expect(checkChar('31011520201130004')).toBe('0');
  });

  it('accepts a valid number and reads birth date and sex from it', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      info: { value: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    });
    const male = checkIdNumber('510108199003071232', TODAY);
    expect(male.ok && male.info.sex).toBe('male');
  });

  it('accepts a lower-case x and stores it as X', () => {
    const result = checkIdNumber('11010519491231002x', TODAY);
    expect(result.ok && result.info.value).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, naming the right one', () => {
    expect(checkIdNumber('510108199003071233', TODAY)).toEqual({
      ok: false,
      problem: { key: 'checkChar', params: { expected: '2', actual: '3' } },
    });
  });

  it('refuses what is not an 18-character number', () => {
    const problem = (text: string) => {
      const result = checkIdNumber(text, TODAY);
      return result.ok ? undefined : result.problem.key;
    };
    expect(problem('110105491231002')).toBe('fifteen');
    expect(problem('1101051949123100')).toBe('length');
    expect(problem('1101051949123100AX')).toBe('digits');
    expect(problem('11010519491231002Y')).toBe('lastChar');
    expect(problem('910105194912310023')).toBe('region');
    expect(problem('110105194902300023')).toBe('birthDate');
    expect(problem('110105203001010023')).toBe('future');
  });
});

describe('ageOn', () => {
  it('counts whole years, not yet older the day before the birthday', () => {
    expect(ageOn('1990-12-01', TODAY)).toBe(35);
    expect(ageOn('1990-11-30', TODAY)).toBe(36);
    expect(ageOn('bad', TODAY)).toBeUndefined();
  });
});

describe('isPhoneNumber', () => {
  it('takes mobile and landline numbers', () => {
    expect(isPhoneNumber('13812345678')).toBe(true);
    expect(isPhoneNumber('010-12345678')).toBe(true);
    expect(isPhoneNumber('02112345678')).toBe(true);
    expect(isPhoneNumber('12812345678')).toBe(false);
    expect(isPhoneNumber('1381234567')).toBe(false);
  });
});
