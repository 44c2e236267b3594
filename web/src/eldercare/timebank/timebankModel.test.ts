import { describe, expect, it } from 'vitest';

import type { Activity } from './api';
import {
  hours,
  ledgerHealth,
  minutesOfHours,
  newestFirst,
  shanghaiInstant,
  shanghaiText,
  signedHours,
  sumBalances,
  upcoming,
} from './timebankModel';

describe('hours', () => {
  it('shows minutes as hours', () => {
    expect(hours(90)).toBe('1.5');
    expect(hours(120)).toBe('2');
    expect(hours(20)).toBe('0.33');
    expect(hours(0)).toBe('0');
    expect(hours(-150)).toBe('-2.5');
    expect(signedHours(90)).toBe('+1.5');
    expect(signedHours(-60)).toBe('-1');
  });
  it('reads typed hours as whole minutes', () => {
    expect(minutesOfHours('1.5')).toBe(90);
    expect(minutesOfHours(' 2 ')).toBe(120);
    expect(minutesOfHours('0.25')).toBe(15);
    expect(minutesOfHours('0.01')).toBeNull();
    expect(minutesOfHours('0')).toBeNull();
    expect(minutesOfHours('-1')).toBeNull();
    expect(minutesOfHours('abc')).toBeNull();
  });
});

describe('times', () => {
  it('writes Shanghai instants with their offset', () => {
    expect(shanghaiInstant('2026-12-01', '09:30')).toBe('2026-12-01T09:30:00+08:00');
  });
  it('reads instants in Shanghai whatever their offset', () => {
    expect(shanghaiText('2026-12-01T09:30:00+08:00')).toBe('2026-12-01 09:30');
    expect(shanghaiText('2026-11-30T20:00:00Z')).toBe('2026-12-01 04:00');
    expect(shanghaiText('nonsense')).toBe('nonsense');
  });
});

function activity(id: number, starts: string, ends: string): Activity {
  return { id, title: `a${id}`, starts_at: starts, ends_at: ends, credit_minutes: 60 };
}

describe('activities', () => {
  const list = [
    activity(1, '2026-12-03T09:00:00+08:00', '2026-12-03T11:00:00+08:00'),
    activity(2, '2026-11-29T09:00:00+08:00', '2026-11-29T11:00:00+08:00'),
    activity(3, '2026-12-01T09:00:00+08:00', '2026-12-01T11:00:00+08:00'),
  ];
  it('keeps those not ended, soonest first', () => {
    const now = new Date('2026-12-01T02:00:00Z'); // 10:00 in Shanghai: activity 3 is under way
    expect(upcoming(list, now).map((a) => a.id)).toEqual([3, 1]);
  });
  it('sorts the staff list newest first', () => {
    expect(newestFirst(list).map((a) => a.id)).toEqual([1, 3, 2]);
  });
});

describe('trial balance', () => {
  it('is ok only when the total is 0 and the cache agrees', () => {
    expect(ledgerHealth({ total_minutes: 0, cache_agrees: true })).toBe('ok');
    expect(ledgerHealth({ total_minutes: 30, cache_agrees: true })).toBe('unbalanced');
    expect(ledgerHealth({ total_minutes: 0, cache_agrees: false })).toBe('cache_differs');
    expect(sumBalances([{ balance_minutes: -90 }, { balance_minutes: 60 }, { balance_minutes: 30 }])).toBe(0);
  });
});
