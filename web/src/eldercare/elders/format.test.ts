import { describe, expect, it } from 'vitest';

import {
  addDays,
  formatWindow,
  formatYuan,
  gradeTagType,
  maskPhone,
  minutesOfDay,
  normaliseWeekdays,
  splitMinutes,
  timeOfDay,
  todayInShanghai,
  weekdayRuns,
} from './format';

describe('eldercare format', () => {
  it('takes today in Shanghai, not in the browser’s zone', () => {
    // 2026-11-30 17:30 UTC is already 1 December in Shanghai (UTC+8).
    expect(todayInShanghai(new Date(Date.UTC(2026, 10, 30, 17, 30)))).toBe('2026-12-01');
    expect(todayInShanghai(new Date(Date.UTC(2026, 10, 30, 15, 59)))).toBe('2026-11-30');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('formats a window', () => {
    expect(formatWindow('09:00', '11:00')).toBe('09:00–11:00');
    expect(formatWindow('09:00:00', '11:30:00')).toBe('09:00–11:30');
    expect(formatWindow('09:00', null)).toBe('09:00');
    expect(formatWindow(undefined, undefined)).toBe('');
  });

  it('converts times of day', () => {
    expect(minutesOfDay('08:30')).toBe(510);
    expect(minutesOfDay('7:05')).toBe(425);
    expect(minutesOfDay('x')).toBeNaN();
    expect(minutesOfDay('10:75')).toBeNaN();
    expect(timeOfDay(510)).toBe('08:30');
    expect(timeOfDay(1439)).toBe('23:59');
    expect(splitMinutes(95)).toEqual({ hours: 1, minutes: 35 });
  });

  it('formats fen as yuan', () => {
    expect(formatYuan(1500)).toBe('15.00');
    expect(formatYuan(-505)).toBe('-5.05');
    expect(formatYuan(7)).toBe('0.07');
    expect(formatYuan(null)).toBe('');
  });

  it('colours grades from intact to lost', () => {
    expect([0, 1, 2, 3, 4].map(gradeTagType)).toEqual(['success', 'primary', 'warning', 'danger', 'danger']);
    expect(gradeTagType(null)).toBe('info');
  });

  it('masks a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('sorts weekdays and finds runs', () => {
    expect(normaliseWeekdays([5, 1, 1, 9, 0, 3])).toEqual([1, 3, 5]);
    expect(weekdayRuns([1, 2, 3, 4, 5])).toEqual([[1, 5]]);
    expect(weekdayRuns([4, 1, 3, 7])).toEqual([
      [1, 1],
      [3, 4],
      [7, 7],
    ]);
  });
});
