// Pure helpers of the time-bank pages: minutes ↔ hours as people read them, an activity's start
// and end from a Shanghai date and clock times, which activities are still to come, and what the
// trial balance says. No Vue, no requests: unit-tested in timebankModel.test.ts.
import type { Activity, TrialBalance } from './api';

/** Minutes as hours with at most two decimals, no trailing zeros: 90 → "1.5", 20 → "0.33". */
export function hours(minutes: number): string {
  const value = Math.round((minutes / 60) * 100) / 100;
  return String(Object.is(value, -0) ? 0 : value);
}

/**
 * Hours typed by the user ("1.5", "2") as whole minutes; null when not a positive amount or not a
 * whole number of minutes (the ledger keeps minutes: 0.01 h is not one).
 */
export function minutesOfHours(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const minutes = Number(trimmed) * 60;
  const rounded = Math.round(minutes);
  if (Math.abs(minutes - rounded) > 1e-6 || rounded <= 0) return null;
  return rounded;
}

/** A date and a clock time in Asia/Shanghai as RFC 3339 with its offset (China has no DST). */
export function shanghaiInstant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** An instant's Shanghai date and time "YYYY-MM-DD HH:MM" (the server sends +08:00 already). */
export function shanghaiText(instant: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  const shifted = new Date(time + 8 * 3600 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** Activities that have not ended by `now`, soonest first. */
export function upcoming(activities: readonly Activity[], now: Date = new Date()): Activity[] {
  return activities
    .filter((a) => Date.parse(a.ends_at) > now.getTime())
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
}

/** Activities sorted newest start first (the staff list). */
export function newestFirst(activities: readonly Activity[]): Activity[] {
  return [...activities].sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
}

export type LedgerHealth = 'ok' | 'unbalanced' | 'cache_differs';

/** What the trial balance says: balanced and the cached balances agree, or which check failed. */
export function ledgerHealth(balance: Pick<TrialBalance, 'total_minutes' | 'cache_agrees'>): LedgerHealth {
  if (balance.total_minutes !== 0) return 'unbalanced';
  if (!balance.cache_agrees) return 'cache_differs';
  return 'ok';
}

/** The sum of the listed balances, which the server's total must equal. */
export function sumBalances(accounts: readonly { balance_minutes: number }[]): number {
  return accounts.reduce((sum, a) => sum + a.balance_minutes, 0);
}

/** Minutes with a sign for a statement line: "+1.5" / "-2". */
export function signedHours(minutes: number): string {
  return minutes > 0 ? `+${hours(minutes)}` : hours(minutes);
}
