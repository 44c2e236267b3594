// Canteen calls (docs/canteen.md): canteens, week menus, the serving list, standing orders, the
// subsidy rule table, month-end settlement (JSON and XLSX) and the sustainability dashboard with
// its what-if. Money is integer fen everywhere, as the server sends it.
import { API_BASE, request } from '@/api/client';

export type Meal = 'lunch' | 'dinner';
export const MEALS: readonly Meal[] = ['lunch', 'dinner'];
export type OrderMode = 'dine_in' | 'pickup' | 'delivery';
export const ORDER_MODES: readonly OrderMode[] = ['dine_in', 'pickup', 'delivery'];

/** A sitting's days and hours; null when the canteen does not serve that meal. */
export interface MealHours {
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  weekdays: number[];
  start: string;
  end: string;
}

export interface Canteen {
  id: number;
  community_id: number;
  name: string;
  seats_per_meal: number;
  lunch: MealHours | null;
  dinner: MealHours | null;
  cutoff_minutes: number;
  delivery_fee_fen: number;
  fixed_monthly_cost_fen: number;
}

export type NewCanteen = Omit<Canteen, 'id'>;

export interface MenuDay {
  canteen_id: number;
  date: string;
  meal: Meal;
  dishes: string[];
  price_fen: number;
  cost_fen: number;
}

export interface PriceLine {
  label: string;
  label_en: string;
  amount_fen: number;
}

export interface Diet {
  resident_id: number;
  diabetic: boolean;
  low_salt: boolean;
  soft_food: boolean;
  note: string;
}

export interface Order {
  id: number;
  canteen_id: number;
  resident_id: number;
  date: string;
  meal: Meal;
  mode: OrderMode;
  status: 'active' | 'cancelled';
  standing_order_id: number | null;
  price_fen: number;
  standard_fen: number;
  subsidy_fen: number;
  delivery_fen: number;
  funding_line: string | null;
  tier: string | null;
  lines: PriceLine[];
}

/** A row of the serving list: the order with the diner's name and diet notes. */
export interface ServingOrder extends Order {
  resident_name: string;
  diet: Diet | null;
}

export interface StandingOrder {
  id: number;
  canteen_id: number;
  resident_id: number;
  weekdays: number[];
  meal: Meal;
  mode: OrderMode;
  from: string;
  to: string | null;
  paused: boolean;
}

export interface NewStandingOrder {
  canteen_id: number;
  resident_id: number;
  weekdays: number[];
  meal: Meal;
  mode: OrderMode;
  from: string;
  to?: string | null;
}

export interface StandingRunReport {
  date: string;
  created: number;
  already_ordered: number;
  closed: number;
  no_menu: number;
  full: number;
  order_ids: number[];
}

export interface SubsidyRule {
  row: number;
  funding_line: string;
  effective_from: string;
  effective_to: string | null;
  meal: Meal | 'any';
  age_min: number | null;
  age_max: number | null;
  tag: string | null;
  level_min: number | null;
  level_max: number | null;
  subsidy_fen: number;
  monthly_cap_meals: number | null;
  monthly_cap_fen: number | null;
  operator_subsidy_fen: number;
  label: string;
  label_en: string;
}

export interface SubsidyRules {
  tsv: string;
  rules: SubsidyRule[];
}

export interface SettlementTier {
  tier: string | null;
  funding_line: string | null;
  meals: number;
  standard_fen: number;
  subsidy_fen: number;
  paid_fen: number;
  operator_subsidy_fen: number;
}

export interface SettlementFundingLine {
  funding_line: string;
  meals: number;
  subsidy_fen: number;
  operator_subsidy_fen: number;
  ledger_subsidy_fen: number;
  ledger_operator_subsidy_fen: number;
}

export interface Settlement {
  month: string;
  meals: number;
  subsidised_meals: number;
  standard_fen: number;
  subsidy_fen: number;
  operator_subsidy_fen: number;
  revenue_fen: number;
  delivery_fen: number;
  food_cost_fen: number;
  fixed_cost_fen: number;
  tiers: SettlementTier[];
  funding_lines: SettlementFundingLine[];
  reconciled: boolean;
}

export interface Sustainability {
  month: string;
  meals: number;
  open_days: number;
  capacity_meals: number;
  meals_per_day: number | null;
  capacity_per_day: number | null;
  utilisation: number | null;
  revenue_fen: number;
  subsidy_fen: number;
  food_cost_fen: number;
  fixed_cost_fen: number;
  total_cost_fen: number;
  cost_recovery: number | null;
  subsidy_dependence: number | null;
  margin_per_meal_fen: number | null;
  break_even_meals_per_day: number | null;
  break_even_reason: 'no_meals' | 'margin_not_positive' | null;
}

export interface WhatIfResult {
  current: Sustainability;
  what_if: Sustainability;
  price_change_fen: number;
  subsidy_scale: number;
  assumption: string;
}

export function fetchCanteens(community: number): Promise<{ canteens: Canteen[] }> {
  return request('/canteen/canteens', { query: { community } });
}

export function createCanteen(canteen: NewCanteen): Promise<Canteen> {
  return request('/canteen/canteens', { method: 'POST', body: canteen, notify: false });
}

export function fetchMenus(canteen: number, from: string, to: string): Promise<{ menus: MenuDay[] }> {
  return request(`/canteen/canteens/${canteen}/menus`, { query: { from, to } });
}

export function saveMenu(
  canteen: number,
  menu: { date: string; meal: Meal; dishes: string[]; price_fen: number; cost_fen: number },
): Promise<MenuDay> {
  return request(`/canteen/canteens/${canteen}/menus`, { method: 'POST', body: menu, notify: false });
}

export function fetchServing(
  canteen: number,
  date: string,
  meal?: Meal,
): Promise<{ orders: ServingOrder[]; count: number }> {
  return request(`/canteen/canteens/${canteen}/orders`, { query: { date, meal } });
}

export function cancelOrder(id: number): Promise<Order> {
  return request(`/canteen/orders/${id}/cancel`, { method: 'POST' });
}

export function createStandingOrder(order: NewStandingOrder): Promise<StandingOrder> {
  return request('/canteen/standing-orders', { method: 'POST', body: order, notify: false });
}

export function setStandingOrderPaused(id: number, paused: boolean): Promise<StandingOrder> {
  return request(`/canteen/standing-orders/${id}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
}

export function runStandingOrders(date: string): Promise<StandingRunReport> {
  return request('/canteen/standing-orders/run', { method: 'POST', query: { date } });
}

export function fetchSubsidyRules(): Promise<SubsidyRules> {
  return request('/canteen/subsidy-rules');
}

export function replaceSubsidyRules(tsv: string): Promise<SubsidyRules> {
  return request('/canteen/subsidy-rules', { method: 'PUT', body: { tsv }, notify: false });
}

export function fetchSettlement(canteen: number, month: string): Promise<Settlement> {
  return request(`/canteen/canteens/${canteen}/settlement`, { query: { month } });
}

/** The settlement workbook's address; the browser downloads it with the session cookie. */
export function settlementXlsxUrl(canteen: number, month: string): string {
  const query = new URLSearchParams({ month, format: 'xlsx' });
  return `${API_BASE}/canteen/canteens/${canteen}/settlement?${query.toString()}`;
}

export function fetchSustainability(canteen: number, month: string): Promise<Sustainability> {
  return request(`/canteen/canteens/${canteen}/sustainability`, { query: { month } });
}

export function fetchWhatIf(
  canteen: number,
  change: { month: string; price_change_fen?: number; subsidy_scale?: number },
): Promise<WhatIfResult> {
  return request(`/canteen/canteens/${canteen}/sustainability/what-if`, {
    method: 'POST',
    body: change,
    notify: false,
  });
}

/** A person to order for, from the elder list (read_eldercare) or the registry (read_registry). */
export interface PersonOption {
  id: number;
  name: string;
  detail: string;
}

interface ElderRow {
  resident_id: number;
  name: string;
  age: number | null;
  building?: string | null;
  room?: string | null;
}

interface ResidentRow {
  id: number;
  name: string;
  birth_date?: string | null;
  address?: string | null;
}

/**
 * Finds residents by name: the elder list first (a canteen operator may read it), the registry
 * when the elder list is not there or not allowed, or when asked for (volunteers of any age).
 */
export async function searchPeople(
  community: number | undefined,
  q: string,
  source: 'elders' | 'residents' = 'elders',
): Promise<PersonOption[]> {
  try {
    if (source === 'residents') throw new Error('the registry was asked for');
    const found = await request<{ elders: ElderRow[] }>('/elders', {
      query: { community, q, page_size: 20 },
      notify: false,
    });
    return found.elders.map((e) => ({
      id: e.resident_id,
      name: e.name,
      detail: [e.age === null || e.age === undefined ? '' : String(e.age), e.building ?? '', e.room ?? '']
        .filter(Boolean)
        .join(' · '),
    }));
  } catch {
    const found = await request<{ residents: ResidentRow[] }>('/residents', {
      query: { community, q, page: 1 },
      notify: false,
    });
    return found.residents.map((r) => ({ id: r.id, name: r.name, detail: r.birth_date ?? '' }));
  }
}

/** GET /elders/{id}: only the standing orders of the file are used here. */
export function fetchElderStanding(resident: number): Promise<{ meals?: { standing?: StandingOrder[] } }> {
  return request(`/elders/${resident}`, { notify: false });
}
