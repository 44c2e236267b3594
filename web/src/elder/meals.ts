// Which meals the elder can order, and which one the page offers first: the canteen serves that
// meal on that weekday, a menu is set for it, and ordering has not closed (the canteen's cutoff,
// minutes before the sitting starts; docs/canteen.md). The server checks the same again when the
// order is placed; this only keeps closed days off the screen.
import type { Canteen, Meal, MenuDay } from './api';
import { clockMinutes, isoWeekday } from './dates';

export const MEALS: readonly Meal[] = ['lunch', 'dinner'];

export interface MealChoice {
  date: string;
  meal: Meal;
  menu: MenuDay;
}

/**
 * Every meal that can still be ordered, soonest first (lunch before dinner on a day). `now` is
 * the date and minutes since midnight in Asia/Shanghai.
 */
export function orderableMeals(
  canteen: Canteen,
  menus: readonly MenuDay[],
  now: { date: string; minutes: number },
): MealChoice[] {
  const choices: MealChoice[] = [];
  for (const menu of menus) {
    if (menu.canteen_id !== canteen.id || menu.date < now.date) continue;
    const hours = canteen[menu.meal];
    if (!hours || !hours.weekdays.includes(isoWeekday(menu.date))) continue;
    if (menu.date === now.date && now.minutes > clockMinutes(hours.start) - canteen.cutoff_minutes) {
      continue;
    }
    choices.push({ date: menu.date, meal: menu.meal, menu });
  }
  return choices.sort(
    (a, b) => a.date.localeCompare(b.date) || MEALS.indexOf(a.meal) - MEALS.indexOf(b.meal),
  );
}

/** The days that have something to order, soonest first, at most `limit`. */
export function orderableDays(choices: readonly MealChoice[], limit = 5): string[] {
  const days: string[] = [];
  for (const choice of choices) {
    if (!days.includes(choice.date)) days.push(choice.date);
  }
  return days.slice(0, limit);
}

/**
 * What the page offers first: the next open day, lunch when it is served that day (the meal most
 * elders order), else that day's dinner. Null when nothing can be ordered.
 */
export function defaultMeal(choices: readonly MealChoice[]): MealChoice | null {
  return choices[0] ?? null;
}

/** The meals of `date` among the choices. */
export function mealsOn(choices: readonly MealChoice[], date: string): MealChoice[] {
  return choices.filter((choice) => choice.date === date);
}
