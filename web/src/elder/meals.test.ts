import { describe, expect, it } from 'vitest';

import type { Canteen, MenuDay } from './api';
import { addDays, isoWeekday, shanghaiNow } from './dates';
import { defaultMeal, mealsOn, orderableDays, orderableMeals } from './meals';

const canteen: Canteen = {
  id: 7,
  community_id: 1,
  name: '幸福食堂',
  lunch: { weekdays: [1, 2, 3, 4, 5], start: '11:00', end: '13:00' },
  dinner: { weekdays: [1, 2, 3, 4, 5, 6], start: '17:00', end: '18:30' },
  cutoff_minutes: 120,
  delivery_fee_fen: 200,
};

function menu(date: string, meal: 'lunch' | 'dinner', canteenId = 7): MenuDay {
  return { canteen_id: canteenId, date, meal, dishes: ['米饭'], price_fen: 1500 };
}

describe('dates', () => {
  it('reads today in Asia/Shanghai, not the browser zone', () => {
    // 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Shanghai.
    expect(shanghaiNow(new Date('2026-11-30T17:30:00Z'))).toEqual({ date: '2026-12-01', minutes: 90 });
  });

  it('adds days across months and knows the ISO weekday', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-11-30')).toBe(1); // a Monday
    expect(isoWeekday('2026-12-06')).toBe(7); // a Sunday
  });
});

describe('orderableMeals', () => {
  // Friday 2026-12-04, 10:00 in Shanghai: today's lunch closed at 09:00 (11:00 − 120 min).
  const now = { date: '2026-12-04', minutes: 600 };
  const menus = [
    menu('2026-12-03', 'lunch'), // yesterday
    menu('2026-12-04', 'lunch'), // closed by the cutoff
    menu('2026-12-04', 'dinner'), // open until 15:00
    menu('2026-12-05', 'lunch'), // Saturday: no lunch served
    menu('2026-12-07', 'dinner'),
    menu('2026-12-07', 'lunch'),
    menu('2026-12-08', 'lunch', 8), // another canteen
  ];

  it('keeps only served days with a menu, before the cutoff, soonest first, lunch first', () => {
    const choices = orderableMeals(canteen, menus, now);
    expect(choices.map((c) => `${c.date} ${c.meal}`)).toEqual([
      '2026-12-04 dinner',
      '2026-12-07 lunch',
      '2026-12-07 dinner',
    ]);
    expect(orderableDays(choices)).toEqual(['2026-12-04', '2026-12-07']);
    expect(mealsOn(choices, '2026-12-07').map((c) => c.meal)).toEqual(['lunch', 'dinner']);
  });

  it('offers the next open weekday’s lunch first', () => {
    const early = { date: '2026-12-04', minutes: 8 * 60 }; // 08:00: lunch still open
    expect(defaultMeal(orderableMeals(canteen, menus, early))).toMatchObject({
      date: '2026-12-04',
      meal: 'lunch',
    });
    // A Saturday morning with menus only for the weekend and Monday: Monday's lunch.
    const saturday = { date: '2026-12-05', minutes: 480 };
    const weekend = [menu('2026-12-05', 'lunch'), menu('2026-12-06', 'lunch'), menu('2026-12-07', 'lunch')];
    expect(defaultMeal(orderableMeals(canteen, weekend, saturday))).toMatchObject({
      date: '2026-12-07',
      meal: 'lunch',
    });
  });

  it('has nothing to offer without menus', () => {
    expect(defaultMeal(orderableMeals(canteen, [], now))).toBeNull();
  });

  it('closes today exactly at the cutoff', () => {
    const lunch = [menu('2026-12-04', 'lunch')];
    expect(orderableMeals(canteen, lunch, { date: '2026-12-04', minutes: 540 })).toHaveLength(1);
    expect(orderableMeals(canteen, lunch, { date: '2026-12-04', minutes: 541 })).toHaveLength(0);
  });
});
