import { describe, expect, it } from 'vitest';

import type { MenuDay, ServingOrder, Sustainability } from './api';
import {
  addDays,
  comparison,
  dietFlags,
  isDate,
  isoWeekday,
  mealsServed,
  mondayOf,
  monthsEnding,
  parseDishes,
  parseYuan,
  percent,
  ruleErrorPlace,
  ruleTableSource,
  servingCounts,
  shiftMonth,
  sustainabilityChartOption,
  todayInShanghai,
  weekdayMask,
  weekdaysOfMask,
  weekdaysText,
  weekGrid,
  yuan,
} from './canteenModel';

describe('weekday masks', () => {
  it('sets bit 0 for Monday and bit 6 for Sunday', () => {
    expect(weekdayMask([1])).toBe(1);
    expect(weekdayMask([7])).toBe(64);
    expect(weekdayMask([1, 2, 3, 4, 5])).toBe(31);
    expect(weekdayMask([0, 8, 2.5, 3])).toBe(4);
  });
  it('round-trips', () => {
    expect(weekdaysOfMask(31)).toEqual([1, 2, 3, 4, 5]);
    expect(weekdaysOfMask(weekdayMask([7, 1, 6]))).toEqual([1, 6, 7]);
    expect(weekdaysOfMask(0)).toEqual([]);
  });
  it('joins runs of three or more', () => {
    const zh = (d: number) => '一二三四五六日'[d - 1] ?? '';
    expect(weekdaysText([5, 4, 3, 2, 1], zh, '至', '、')).toBe('一至五');
    expect(weekdaysText([1, 3, 5], zh, '至', '、')).toBe('一、三、五');
    expect(weekdaysText([1, 2, 4, 5, 6, 7], zh, '至', '、')).toBe('一、二、四至日');
    expect(weekdaysText([], zh, '至', '、')).toBe('');
  });
});

describe('dates', () => {
  it('knows weekdays and Mondays', () => {
    expect(isoWeekday('2026-11-30')).toBe(1); // a Monday
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('checks dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-2-1')).toBe(false);
  });
  it('counts months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
  it('takes today in Shanghai, not UTC', () => {
    // 2026-11-30 20:00 UTC is already 2026-12-01 04:00 in Shanghai.
    expect(todayInShanghai(new Date(Date.UTC(2026, 10, 30, 20, 0)))).toBe('2026-12-01');
    expect(todayInShanghai(new Date(Date.UTC(2026, 10, 30, 15, 59)))).toBe('2026-11-30');
  });
});

describe('money and ratios', () => {
  it('formats fen as yuan', () => {
    expect(yuan(1500)).toBe('15.00');
    expect(yuan(705)).toBe('7.05');
    expect(yuan(-500)).toBe('-5.00');
    expect(yuan(0)).toBe('0.00');
  });
  it('parses yuan without rounding', () => {
    expect(parseYuan('15')).toBe(1500);
    expect(parseYuan(' 15.5 ')).toBe(1550);
    expect(parseYuan('7.05')).toBe(705);
    expect(parseYuan('-1.2')).toBe(-120);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('')).toBeNull();
  });
  it('shows ratios as percentages', () => {
    expect(percent(0.8531)).toBe('85.3%');
    expect(percent(1.2)).toBe('120.0%');
    expect(percent(null)).toBe('—');
    expect(percent(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

const canteen = {
  lunch: { weekdays: [1, 2, 3, 4, 5], start: '11:00', end: '13:00' },
  dinner: { weekdays: [1, 3], start: '17:00', end: '18:30' },
};

function menu(date: string, meal: 'lunch' | 'dinner', price: number): MenuDay {
  return { canteen_id: 1, date, meal, dishes: ['红烧肉'], price_fen: price, cost_fen: 800 };
}

describe('week grid', () => {
  it('has a row per meal served and marks the days served', () => {
    const grid = weekGrid(canteen, '2026-11-30', [menu('2026-12-01', 'lunch', 1500), menu('2026-11-30', 'dinner', 1200)]);
    expect(grid.map((r) => r.meal)).toEqual(['lunch', 'dinner']);
    const [lunch, dinner] = [grid[0]!, grid[1]!];
    expect(lunch.cells.map((c) => c.served)).toEqual([true, true, true, true, true, false, false]);
    expect(dinner.cells.map((c) => c.served)).toEqual([true, false, true, false, false, false, false]);
    expect(lunch.cells[1]?.menu?.price_fen).toBe(1500);
    expect(lunch.cells[0]?.menu).toBeNull();
    expect(dinner.cells[0]?.menu?.price_fen).toBe(1200);
    expect(lunch.cells[6]?.date).toBe('2026-12-06');
  });
  it('leaves out a meal never served', () => {
    expect(mealsServed({ lunch: canteen.lunch, dinner: null })).toEqual(['lunch']);
    expect(weekGrid({ lunch: null, dinner: null }, '2026-11-30', [])).toEqual([]);
  });
  it('splits dishes', () => {
    expect(parseDishes('红烧肉、青菜\n 米饭 ,，汤')).toEqual(['红烧肉', '青菜', '米饭', '汤']);
    expect(parseDishes('  ')).toEqual([]);
  });
});

function order(meal: 'lunch' | 'dinner', mode: ServingOrder['mode'], status: ServingOrder['status'] = 'active'): ServingOrder {
  return {
    id: 1,
    canteen_id: 1,
    resident_id: 2,
    date: '2026-12-01',
    meal,
    mode,
    status,
    standing_order_id: null,
    price_fen: 700,
    standard_fen: 1500,
    subsidy_fen: 800,
    delivery_fen: 0,
    funding_line: null,
    tier: null,
    lines: [],
    resident_name: '张三',
    diet: null,
  };
}

describe('serving counts', () => {
  it('counts live orders of the sitting by mode against the seats', () => {
    const orders = [order('lunch', 'dine_in'), order('lunch', 'delivery'), order('lunch', 'pickup'),
      order('lunch', 'dine_in', 'cancelled'), order('dinner', 'dine_in')];
    expect(servingCounts(orders, 'lunch', 40)).toEqual({ dine_in: 1, pickup: 1, delivery: 1, total: 3, seats: 40, left: 37 });
    expect(servingCounts(orders, 'dinner', 1).left).toBe(0);
  });
  it('lists diet flags', () => {
    expect(dietFlags({ diet: null })).toEqual({ flags: [], note: '' });
    expect(dietFlags({ diet: { resident_id: 1, diabetic: true, low_salt: false, soft_food: true, note: '无牙' } }))
      .toEqual({ flags: ['diabetic', 'soft_food'], note: '无牙' });
  });
});

describe('rule table', () => {
  it('finds the row and column of an error', () => {
    expect(ruleErrorPlace('subsidy rules row 4, column age_max: is below age_min')).toEqual({ rows: [4], column: 'age_max' });
    expect(ruleErrorPlace("subsidy rules: no column 'label'")).toEqual({ rows: [], column: 'label' });
    expect(ruleErrorPlace('subsidy rules rows 2 and 7 overlap: funding line x')).toEqual({ rows: [2, 7] });
    expect(ruleErrorPlace('odd')).toEqual({ rows: [] });
  });
  it('reads the source from the comments', () => {
    expect(ruleTableSource('# Jurong 2023\n#Source: x\nfunding_line\tx\n')).toEqual(['Jurong 2023', 'Source: x']);
  });
});

function sus(partial: Partial<Sustainability>): Sustainability {
  return {
    month: '2026-12', meals: 100, open_days: 20, capacity_meals: 800, meals_per_day: 5, capacity_per_day: 40,
    utilisation: 0.125, revenue_fen: 70000, subsidy_fen: 80000, food_cost_fen: 80000, fixed_cost_fen: 500000,
    total_cost_fen: 580000, cost_recovery: 70000 / 580000, subsidy_dependence: 80000 / 150000,
    margin_per_meal_fen: 700, break_even_meals_per_day: 35.7, break_even_reason: null, ...partial,
  };
}

describe('what-if comparison', () => {
  it('shows each figure before and after with the direction', () => {
    const rows = comparison(sus({}), sus({ cost_recovery: 0.2, revenue_fen: 116000, subsidy_dependence: null }));
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.cost_recovery).toEqual({ key: 'cost_recovery', before: '12.1%', after: '20.0%', change: 'up' });
    expect(byKey.revenue_fen?.after).toBe('1160.00');
    expect(byKey.subsidy_dependence).toMatchObject({ before: '53.3%', after: '—', change: 'down' });
    expect(byKey.meals_per_day).toMatchObject({ before: '5.0', after: '5.0', change: 'same' });
  });
});

describe('chart option', () => {
  it('draws meals per day against capacity and break-even, and recovery in %', () => {
    const option = sustainabilityChartOption([sus({ month: '2026-11', meals_per_day: null, cost_recovery: null }), sus({})], {
      mealsPerDay: 'm', capacityPerDay: 'c', breakEven: 'b', costRecovery: 'r', mealsAxis: 'meals', ratioAxis: '%',
    });
    expect(option.xAxis.data).toEqual(['2026-11', '2026-12']);
    expect(option.series.map((s) => s.data)).toEqual([[null, 5], [40, 40], [35.7, 35.7], [null, 12.1]]);
    expect(option.series[3]?.yAxisIndex).toBe(1);
  });
});
