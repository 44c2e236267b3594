// Small display helpers shared by the worker's eldercare pages. Pure (no i18n, no DOM), so they
// are tested on their own; the pages put the words around them.
import { DISPLAY_TIME_ZONE } from '@/common/format';

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai as "YYYY-MM-DD" (the server's dates are Shanghai dates). */
export function todayInShanghai(now: Date = new Date()): string {
  return dateParts.format(now);
}

/** "YYYY-MM-DD" plus `days` (negative goes back), calendar arithmetic without time zones. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y!, m! - 1, d! + days));
  return shifted.toISOString().slice(0, 10);
}

/** A visit's time window "09:00–11:00"; one end alone when the other is missing. */
export function formatWindow(start: string | null | undefined, end: string | null | undefined): string {
  const from = (start ?? '').slice(0, 5);
  const to = (end ?? '').slice(0, 5);
  if (from && to) return `${from}–${to}`;
  return from || to;
}

/** "HH:MM" → minutes after midnight; NaN when it is not a time. */
export function minutesOfDay(time: string | null | undefined): number {
  const match = /^(\d{1,2}):(\d{2})/.exec(time ?? '');
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59) return Number.NaN;
  return hours * 60 + minutes;
}

/** Minutes after midnight → "HH:MM". */
export function timeOfDay(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Hours and minutes of a duration in minutes, for "1 小时 30 分" / "1 h 30 min". */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.round(total));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/** Integer fen as yuan with two decimals: 1500 → "15.00", -500 → "-5.00". */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The Element Plus tag type of an ability grade (GB/T 42195: 0 intact … 4 lost). Colour is never
 * the only signal: the tag always carries the grade's number and name too.
 */
export function gradeTagType(grade: number | null | undefined): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  if (grade === null || grade === undefined) return 'info';
  if (grade <= 0) return 'success';
  if (grade === 1) return 'primary';
  if (grade === 2) return 'warning';
  return 'danger';
}

/** A phone number with the middle hidden, for numbers the UI holds in full (a form's echo). */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 7) return digits.replace(/./g, '*');
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** ISO weekday numbers (1 Monday … 7 Sunday) sorted, without repeats or values out of range. */
export function normaliseWeekdays(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort((a, b) => a - b);
}

/** Weekday runs for short display: [1,2,3,4,5] → [[1,5]], [1,3,4] → [[1,1],[3,4]]. */
export function weekdayRuns(days: readonly number[]): [number, number][] {
  const sorted = normaliseWeekdays(days);
  const runs: [number, number][] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}
