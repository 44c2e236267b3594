// The calls of 长辈版 (the elder's and family's own page): who the signed-in resident is, their
// household, the canteen (docs/canteen.md: a resident quotes and orders for themselves only),
// home-care booking for anyone of the household, and "what is coming" (GET /my/elder-care).
//
// Every call here passes notify: false: 长辈版 shows no pop-up messages (MIIT 2021 §5.1), so the
// page puts each failure in its own words on the screen instead.
import { request } from '@/api/client';

export type Meal = 'lunch' | 'dinner';
export type OrderMode = 'dine_in' | 'pickup' | 'delivery';

/** A sitting's days (ISO 1 Monday … 7 Sunday) and hours; null when the meal is not served. */
export interface MealHours {
  weekdays: number[];
  start: string;
  end: string;
}

export interface Canteen {
  id: number;
  community_id: number;
  name: string;
  lunch: MealHours | null;
  dinner: MealHours | null;
  /** Minutes before the meal starts when ordering closes. */
  cutoff_minutes: number;
  delivery_fee_fen: number;
}

export interface MenuDay {
  canteen_id: number;
  date: string;
  meal: Meal;
  dishes: string[];
  price_fen: number;
}

/** One line of a price's explanation: the standard price, a subsidy (negative), a fee. */
export interface PriceLine {
  label: string;
  label_en: string;
  amount_fen: number;
}

export interface Quote {
  price_fen: number;
  standard_fen: number;
  subsidy_fen: number;
  delivery_fen: number;
  lines: PriceLine[];
}

export interface MealOrder extends Quote {
  id: number;
  canteen_id: number;
  resident_id: number;
  date: string;
  meal: Meal;
  mode: OrderMode;
  status: 'active' | 'cancelled';
}

export interface MealRequest {
  canteen_id: number;
  resident_id: number;
  meal: Meal;
  date: string;
  mode: OrderMode;
}

/** The signed-in resident's own registry entry, learned from their time-bank statement. */
export interface Me {
  resident_id: number;
  community_id: number;
  name: string;
}

export interface HouseholdMember {
  id: number;
  name: string;
  birth_date: string | null;
  relation_to_head: string | null;
}

export interface HomeCareService {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  duration_min: number;
  price_fen: number;
  skill: string | null;
  required_qualification: string | null;
  subsidised_minutes_per_month: number;
  active: boolean;
}

export type HomeCareOrderStatus = 'requested' | 'scheduled' | 'done' | 'missed' | 'cancelled';

export interface HomeCareOrder {
  id: number;
  resident_id: number;
  resident_name: string;
  service_code: string;
  service_name_zh: string;
  service_name_en: string;
  date: string;
  window_start: string;
  window_end: string;
  status: HomeCareOrderStatus;
  note: string | null;
  price_fen: number;
  subsidy_fen: number;
  pay_fen: number;
  visit_id: number | null;
}

export interface NewHomeCareOrder {
  resident_id: number;
  service_code: string;
  date: string;
  window_start: string;
  window_end: string;
  note?: string;
}

/** GET /my/elder-care: the household's next 14 days. */
export interface MyElderCare {
  members: { resident_id: number; name: string; age: number | null }[];
  meals: {
    order_id: number;
    resident_id: number;
    canteen_name: string;
    date: string;
    meal: Meal;
    mode: OrderMode;
    price_fen: number;
  }[];
  /** Home-care orders of the coming days with their visit (id null while none is planned). */
  visits: {
    id: number | null;
    order_id: number;
    resident_id: number;
    service_name_zh: string;
    service_name_en: string;
    date: string;
    window_start: string;
    window_end: string;
    planned_start: string | null;
    worker_name: string | null;
    /** The visit's status, or the order's while no visit is planned. */
    status: string;
    missed?: boolean;
    rating?: number | null;
  }[];
  timebank_balance_minutes: number | null;
}

const quiet = { notify: false } as const;

/**
 * Who the signed-in resident is in the registry. GET /my/timebank answers for every resident
 * account linked to the registry (an empty statement when they have no time-bank account yet),
 * with their resident id, community and name: the one route that says "this is you".
 */
export async function fetchMe(): Promise<Me> {
  const own = await request<{ resident_id: number; community_id: number; name: string }>(
    '/my/timebank',
    quiet,
  );
  return { resident_id: own.resident_id, community_id: own.community_id, name: own.name };
}

export async function fetchHousehold(): Promise<HouseholdMember[]> {
  const own = await request<{ residents: HouseholdMember[] }>('/my/household', quiet);
  return own.residents;
}

export async function fetchCanteens(community: number): Promise<Canteen[]> {
  const answer = await request<{ canteens: Canteen[] }>('/canteen/canteens', {
    ...quiet,
    query: { community },
  });
  return answer.canteens;
}

export async function fetchMenus(canteen: number, from: string, to: string): Promise<MenuDay[]> {
  const answer = await request<{ menus: MenuDay[] }>(`/canteen/canteens/${canteen}/menus`, {
    ...quiet,
    query: { from, to },
  });
  return answer.menus;
}

export function quoteMeal(meal: MealRequest): Promise<Quote> {
  return request<Quote>('/canteen/quote', { ...quiet, method: 'POST', body: meal });
}

export function orderMeal(meal: MealRequest): Promise<MealOrder> {
  return request<MealOrder>('/canteen/orders', { ...quiet, method: 'POST', body: meal });
}

export function cancelMeal(order: number): Promise<MealOrder> {
  return request<MealOrder>(`/canteen/orders/${order}/cancel`, { ...quiet, method: 'POST' });
}

export async function fetchServices(): Promise<HomeCareService[]> {
  const answer = await request<{ services: HomeCareService[] }>('/homecare/services', quiet);
  return answer.services.filter((service) => service.active);
}

export function bookService(order: NewHomeCareOrder): Promise<HomeCareOrder> {
  return request<HomeCareOrder>('/homecare/orders', { ...quiet, method: 'POST', body: order });
}

/** The home-care orders of one household member (a resident sees their own household's). */
export async function fetchCareOrders(resident: number): Promise<HomeCareOrder[]> {
  const answer = await request<{ orders: HomeCareOrder[] }>('/homecare/orders', {
    ...quiet,
    query: { resident_id: resident },
  });
  return answer.orders;
}

export function cancelCareOrder(order: number): Promise<HomeCareOrder> {
  return request<HomeCareOrder>(`/homecare/orders/${order}/cancel`, { ...quiet, method: 'POST' });
}

export function rateVisit(visit: number, rating: number): Promise<unknown> {
  return request(`/homecare/visits/${visit}/rating`, { ...quiet, method: 'POST', body: { rating } });
}

export function fetchMyElderCare(): Promise<MyElderCare> {
  return request<MyElderCare>('/my/elder-care', quiet);
}
