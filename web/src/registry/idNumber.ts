// Checks of a resident's ID number (GB 11643-1999) in the browser, before the server sees it:
// the same rules and the same wording as the server's registry/id_number.cc, so a typing error
// is told at once. The server checks again; this only saves a round trip.

/** ISO 7064 MOD 11-2 weights of the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for a weighted sum mod 11 of 0…10. */
const CHECK_CHARS = '10X98765432';

export type Sex = 'male' | 'female';

/** A refusal: an i18n key under registry.idCheck and its parameters. */
export interface IdNumberProblem {
  key: 'fifteen' | 'length' | 'digits' | 'lastChar' | 'region' | 'birthDate' | 'future' | 'checkChar';
  params?: Record<string, string | number>;
}

export interface IdNumberInfo {
  /** Normalised: a lower-case x as X. */
  value: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
}

export type IdNumberCheck = { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem };

/** The check character of the first 17 digits. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the server's "today"). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Checks an ID number as the server does; `today` is YYYY-MM-DD (Asia/Shanghai). On success,
 * the birth date and sex read from the number.
 */
export function checkIdNumber(text: string, today: string = todayInShanghai()): IdNumberCheck {
  const fail = (key: IdNumberProblem['key'], params?: IdNumberProblem['params']): IdNumberCheck => ({
    ok: false,
    problem: params ? { key, params } : { key },
  });
  if (/^\d{15}$/.test(text)) return fail('fifteen');
  if (text.length !== 18) return fail('length', { length: text.length });
  const value = text.endsWith('x') ? `${text.slice(0, 17)}X` : text;
  const first17 = value.slice(0, 17);
  if (!/^\d{17}$/.test(first17)) return fail('digits');
  const last = value[17]!;
  if (!/^[0-9X]$/.test(last)) return fail('lastChar');
  if (value[0]! < '1' || value[0]! > '8') return fail('region');
  const year = Number(first17.slice(6, 10));
  const month = Number(first17.slice(10, 12));
  const day = Number(first17.slice(12, 14));
  if (year < 1800 || !isRealDate(year, month, day)) {
    return fail('birthDate', { date: first17.slice(6, 14) });
  }
  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (birthDate > today) return fail('future');
  const expected = checkChar(first17);
  if (last !== expected) return fail('checkChar', { expected, actual: last });
  const sex: Sex = Number(first17[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, info: { value, birthDate, sex } };
}

/** Whole years on `today` (both YYYY-MM-DD): not yet a year older before the birthday. */
export function ageOn(birthDate: string, today: string = todayInShanghai()): number | undefined {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!birth || !now) return undefined;
  let age = Number(now[1]) - Number(birth[1]);
  if (`${now[2]}-${now[3]}` < `${birth[2]}-${birth[3]}`) age -= 1;
  return age;
}

/**
 * A mainland mobile number (1[3-9] and 9 digits) or a landline with its area code (0 and 9–11
 * digits, an optional - after the area code), as the server accepts them.
 */
export function isPhoneNumber(text: string): boolean {
  if (/^1[3-9]\d{9}$/.test(text)) return true;
  return /^0\d{2,3}-?\d+$/.test(text) && /^0\d{9,11}$/.test(text.replace('-', ''));
}
