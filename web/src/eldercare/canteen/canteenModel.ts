// Pure helpers of the canteen pages: weekday masks, dates of a week in Asia/Shanghai, the week
// grid of menus, money in fen ↔ yuan, ratios, the serving counts against seats, the what-if
// comparison and the sustainability chart. No Vue, no requests: unit-tested in canteenModel.test.ts.
import type { Canteen, Meal, MenuDay, OrderMode, ServingOrder, Sustainability } from './api';

// ---- weekdays ----------------------------------------------------------------------------------

/** ISO weekdays (1 Monday … 7 Sunday) as a bit mask, bit 0 Monday, as the server stores them. */
export function weekdayMask(days: readonly number[]): number {
  let mask = 0;
  for (const day of days) {
    if (Number.isInteger(day) && day >= 1 && day <= 7) mask |= 1 << (day - 1);
  }
  return mask;
}

/** The ISO weekdays of a mask, in order. */
export function weekdaysOfMask(mask: number): number[] {
  const days: number[] = [];
  for (let day = 1; day <= 7; day++) if (mask & (1 << (day - 1))) days.push(day);
  return days;
}

/**
 * Weekdays as short text with runs joined: [1,2,3,4,5] → "一至五" given the labels and the joiner
 * ("至" / "–"); [1,3,5] → "一、三、五".
 */
export function weekdaysText(
  days: readonly number[],
  label: (day: number) => string,
  through: string,
  separator: string,
): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  const at = (k: number) => sorted[k] as number;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && at(j + 1) === at(j) + 1) j++;
    if (j - i >= 2) parts.push(`${label(at(i))}${through}${label(at(j))}`);
    else for (let k = i; k <= j; k++) parts.push(label(at(k)));
    i = j + 1;
  }
  return parts.join(separator);
}

// ---- dates (civil dates "YYYY-MM-DD", no time zone arithmetic needed) ---------------------------

function utcDate(date: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function dateText(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return dateText(utcDate(text)) === text;
}

export function addDays(date: string, days: number): string {
  const value = utcDate(date);
  value.setUTCDate(value.getUTCDate() + days);
  return dateText(value);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const day = utcDate(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the date's week. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Today in Asia/Shanghai as "YYYY-MM-DD" (`now` for tests). */
export function todayInShanghai(now: Date = new Date()): string {
  // sv-SE formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month before/after "YYYY-MM" by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last `count` months ending with `month`, oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(month, i - count + 1));
}

// ---- money and ratios ---------------------------------------------------------------------------

/** Fen as yuan with two decimals: 1500 → "15.00", -500 → "-5.00". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A yuan amount typed by the user ("15", "15.5", "15.50") as fen; null when it is not an amount
 * with at most two decimals (no rounding of what the user did not type).
 */
export function parseYuan(text: string): number | null {
  const trimmed = text.trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(trimmed);
  if (!match) return null;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** A ratio as a percentage with one decimal ("85.3%"); "—" when there is none. */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A count per day with one decimal; "—" when there is none. */
export function perDay(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(1);
}

// ---- the week grid of menus --------------------------------------------------------------------

export interface MenuCell {
  date: string;
  meal: Meal;
  /** The canteen serves this meal on this weekday. */
  served: boolean;
  menu: MenuDay | null;
}

export interface MenuRow {
  meal: Meal;
  cells: MenuCell[];
}

/** The meals the canteen serves at all, lunch first. */
export function mealsServed(canteen: Pick<Canteen, 'lunch' | 'dinner'>): Meal[] {
  const meals: Meal[] = [];
  if (canteen.lunch && canteen.lunch.weekdays.length) meals.push('lunch');
  if (canteen.dinner && canteen.dinner.weekdays.length) meals.push('dinner');
  return meals;
}

/** One row per meal the canteen serves, one cell per day of the week starting `monday`. */
export function weekGrid(
  canteen: Pick<Canteen, 'lunch' | 'dinner'>,
  monday: string,
  menus: readonly MenuDay[],
): MenuRow[] {
  const byKey = new Map(menus.map((m) => [`${m.date}/${m.meal}`, m]));
  return mealsServed(canteen).map((meal) => {
    const days = canteen[meal]?.weekdays ?? [];
    return {
      meal,
      cells: weekDates(monday).map((date) => ({
        date,
        meal,
        served: days.includes(isoWeekday(date)),
        menu: byKey.get(`${date}/${meal}`) ?? null,
      })),
    };
  });
}

/** Dishes typed one per line or separated by 、，, ; → the list, blanks dropped. */
export function parseDishes(text: string): string[] {
  return text
    .split(/[\n,，、;；]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

// ---- serving list -------------------------------------------------------------------------------

export interface ServingCounts {
  dine_in: number;
  pickup: number;
  delivery: number;
  total: number;
  seats: number;
  /** Seats left for the sitting: every mode counts, the kitchen cooks that many. */
  left: number;
}

/** The live orders of one sitting by mode, against the seats. */
export function servingCounts(orders: readonly ServingOrder[], meal: Meal, seats: number): ServingCounts {
  const counts: Record<OrderMode, number> = { dine_in: 0, pickup: 0, delivery: 0 };
  for (const order of orders) {
    if (order.meal === meal && order.status === 'active') counts[order.mode] += 1;
  }
  const total = counts.dine_in + counts.pickup + counts.delivery;
  return { ...counts, total, seats, left: Math.max(0, seats - total) };
}

/** The diet notes of a row as keys (diabetic, low_salt, soft_food) plus the free note. */
export function dietFlags(order: Pick<ServingOrder, 'diet'>): { flags: string[]; note: string } {
  const diet = order.diet;
  if (!diet) return { flags: [], note: '' };
  const flags = (['diabetic', 'low_salt', 'soft_food'] as const).filter((key) => diet[key]);
  return { flags: [...flags], note: diet.note };
}

// ---- subsidy rule upload errors ------------------------------------------------------------------

/**
 * The rows and column a rule-table error names: "subsidy rules row 3, column age_max: …" or
 * "subsidy rules rows 2 and 7 overlap: …".
 */
export function ruleErrorPlace(message: string): { rows: number[]; column?: string } {
  const pair = /\brows (\d+) and (\d+)/i.exec(message);
  const one = /\brow (\d+)/i.exec(message);
  const column = /\bcolumn '?([a-z_]+)'?/i.exec(message);
  const rows = pair ? [Number(pair[1]), Number(pair[2])] : one ? [Number(one[1])] : [];
  return column ? { rows, column: column[1] } : { rows };
}

/** The comment lines (#) of a rule table: where it comes from. */
export function ruleTableSource(tsv: string): string[] {
  return tsv
    .split(/\r?\n/)
    .filter((line) => line.startsWith('#'))
    .map((line) => line.replace(/^#\s?/, ''));
}

// ---- sustainability ----------------------------------------------------------------------------

export type FigureKey =
  | 'cost_recovery'
  | 'subsidy_dependence'
  | 'meals_per_day'
  | 'capacity_per_day'
  | 'break_even_meals_per_day'
  | 'revenue_fen'
  | 'subsidy_fen'
  | 'total_cost_fen';

export const FIGURES: readonly FigureKey[] = [
  'cost_recovery',
  'subsidy_dependence',
  'meals_per_day',
  'capacity_per_day',
  'break_even_meals_per_day',
  'revenue_fen',
  'subsidy_fen',
  'total_cost_fen',
];

/** A figure as shown: ratios in %, counts per day with a decimal, money in yuan. */
export function figureText(s: Sustainability, key: FigureKey): string {
  const value = s[key];
  if (key === 'cost_recovery' || key === 'subsidy_dependence') return percent(value);
  if (key.endsWith('_fen')) return yuan(value ?? 0);
  return perDay(value);
}

export interface ComparisonRow {
  key: FigureKey;
  before: string;
  after: string;
  /** up, down or same, for an arrow beside the text (never colour alone). */
  change: 'up' | 'down' | 'same';
}

/** The what-if side by side: each figure now and with the change. */
export function comparison(current: Sustainability, changed: Sustainability): ComparisonRow[] {
  return FIGURES.map((key) => {
    const a = current[key];
    const b = changed[key];
    let change: ComparisonRow['change'] = 'same';
    if (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) > 1e-9) {
      change = b > a ? 'up' : 'down';
    } else if ((a === null) !== (b === null)) {
      change = b === null ? 'down' : 'up';
    }
    return { key, before: figureText(current, key), after: figureText(changed, key), change };
  });
}

export interface ChartLabels {
  mealsPerDay: string;
  capacityPerDay: string;
  breakEven: string;
  costRecovery: string;
  mealsAxis: string;
  ratioAxis: string;
}

const round1 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10) / 10);

/**
 * The ECharts option of the dashboard: meals per day against the capacity line and the
 * break-even line per month, and the cost recovery (%) on a second axis.
 */
export function sustainabilityChartOption(months: readonly Sustainability[], labels: ChartLabels) {
  const x = months.map((m) => m.month);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: x },
    yAxis: [
      { type: 'value', name: labels.mealsAxis, min: 0 },
      { type: 'value', name: labels.ratioAxis, min: 0, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: labels.mealsPerDay,
        type: 'line',
        data: months.map((m) => round1(m.meals_per_day)),
        symbol: 'circle',
        symbolSize: 8,
      },
      {
        name: labels.capacityPerDay,
        type: 'line',
        data: months.map((m) => round1(m.capacity_per_day)),
        lineStyle: { type: 'dashed' },
        symbol: 'rect',
      },
      {
        name: labels.breakEven,
        type: 'line',
        data: months.map((m) => round1(m.break_even_meals_per_day)),
        lineStyle: { type: 'dotted' },
        symbol: 'triangle',
      },
      {
        name: labels.costRecovery,
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 24,
        data: months.map((m) => (m.cost_recovery === null ? null : Math.round(m.cost_recovery * 1000) / 10)),
      },
    ],
  };
}
