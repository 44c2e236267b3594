// 近期安排: the household's meals and home-care visits in one list, soonest first, and the visits
// done lately that wait for a rating. Meals and the coming bookings (with their caregiver and
// time once planned) come from GET /my/elder-care; the home-care orders (GET /homecare/orders per
// member) add the done visits of the past days, which the household may rate.
import type { HomeCareOrder, Meal, MyElderCare, OrderMode } from './api';

/** When a meal sits in the day, for ordering the list only (the canteen's hours vary). */
const MEAL_TIME: Record<Meal, string> = { lunch: '11:00', dinner: '17:00' };

export interface MealItem {
  kind: 'meal';
  key: string;
  date: string;
  time: string;
  residentId: number;
  orderId: number;
  canteenName: string;
  meal: Meal;
  mode: OrderMode;
  priceFen: number;
  canCancel: boolean;
}

export interface CareItem {
  kind: 'care';
  key: string;
  date: string;
  time: string;
  residentId: number;
  orderId: number | null;
  visitId: number | null;
  serviceZh: string;
  serviceEn: string;
  windowStart: string;
  windowEnd: string;
  plannedStart: string | null;
  workerName: string | null;
  /** The visit's status when one is planned, else the order's. */
  status: string;
  rating: number | null;
  canCancel: boolean;
  canRate: boolean;
}

export type AgendaItem = MealItem | CareItem;

export interface Agenda {
  upcoming: AgendaItem[];
  /** Visits done, newest first: the household may rate them. */
  done: CareItem[];
}

const FINISHED = new Set(['done', 'missed', 'cancelled']);
/** Order or visit states a booking can still be cancelled in (the server has the last word). */
const CANCELLABLE = new Set(['requested', 'scheduled', 'planned']);

function byTime(a: AgendaItem, b: AgendaItem): number {
  return a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || a.key.localeCompare(b.key);
}

/**
 * The agenda from what the server said. `mine` may be missing (its call failed); `orders` are
 * every member's home-care orders; `today` is the date in Asia/Shanghai.
 */
export function buildAgenda(
  mine: MyElderCare | null,
  orders: readonly HomeCareOrder[],
  today: string,
): Agenda {
  const items: AgendaItem[] = [];
  for (const meal of mine?.meals ?? []) {
    if (meal.date < today) continue;
    items.push({
      kind: 'meal',
      key: `meal-${meal.order_id}`,
      date: meal.date,
      time: MEAL_TIME[meal.meal] ?? '12:00',
      residentId: meal.resident_id,
      orderId: meal.order_id,
      canteenName: meal.canteen_name,
      meal: meal.meal,
      mode: meal.mode,
      priceFen: meal.price_fen,
      canCancel: true,
    });
  }

  // The household's visit-like rows, by order: the planned time and caregiver of each booking.
  const visits = new Map((mine?.visits ?? []).map((visit) => [visit.order_id, visit]));
  const care: CareItem[] = [];
  for (const order of orders) {
    const visit = visits.get(order.id);
    visits.delete(order.id);
    const status = visit?.status ?? order.status;
    care.push({
      kind: 'care',
      key: `care-${order.id}`,
      date: order.date,
      time: visit?.planned_start ?? order.window_start,
      residentId: order.resident_id,
      orderId: order.id,
      visitId: order.visit_id ?? visit?.id ?? null,
      serviceZh: order.service_name_zh,
      serviceEn: order.service_name_en,
      windowStart: order.window_start,
      windowEnd: order.window_end,
      plannedStart: visit?.planned_start ?? null,
      workerName: visit?.worker_name ?? null,
      status,
      rating: visit?.rating ?? null,
      canCancel: CANCELLABLE.has(order.status) && CANCELLABLE.has(status),
      canRate: status === 'done' && (order.visit_id ?? visit?.id ?? null) !== null && (visit?.rating ?? null) === null,
    });
  }
  // Bookings only /my/elder-care listed (the per-member order lists failed): shown as they are.
  for (const visit of visits.values()) {
    care.push({
      kind: 'care',
      key: `care-${visit.order_id}`,
      date: visit.date,
      time: visit.planned_start ?? visit.window_start,
      residentId: visit.resident_id,
      orderId: visit.order_id,
      visitId: visit.id,
      serviceZh: visit.service_name_zh,
      serviceEn: visit.service_name_en,
      windowStart: visit.window_start,
      windowEnd: visit.window_end,
      plannedStart: visit.planned_start,
      workerName: visit.worker_name,
      status: visit.status,
      rating: visit.rating ?? null,
      canCancel: CANCELLABLE.has(visit.status),
      canRate: visit.status === 'done' && visit.id !== null && (visit.rating ?? null) === null,
    });
  }

  const done: CareItem[] = [];
  for (const item of care) {
    if (item.status === 'done') done.push(item);
    else if (!FINISHED.has(item.status) && item.date >= today) items.push(item);
  }
  done.sort((a, b) => -byTime(a, b));
  return { upcoming: items.sort(byTime), done: done.slice(0, 10) };
}
