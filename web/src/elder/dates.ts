// Calendar days in Asia/Shanghai, where every shequ date lives ("YYYY-MM-DD"), whatever the
// browser's own zone: "today", the time of day now, adding days, the ISO weekday. Shared by 长辈版
// and the caregiver's day view.
import { DISPLAY_TIME_ZONE } from '@/common/format';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date and the minutes since midnight in Asia/Shanghai at the instant `now`. */
export function shanghaiNow(now: Date = new Date()): { date: string; minutes: number } {
  const part: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(now)) part[type] = value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    minutes: Number(part.hour) * 60 + Number(part.minute),
  };
}

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "HH:MM" as minutes since midnight; NaN when it is not one. */
export function clockMinutes(text: string | null | undefined): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}
