// Eldercare calls of the worker's pages: elders and their files, ability assessments, home care
// (orders, the day's schedule, visits), the workforce and volunteers. The canteen and the time
// bank have their own api files (canteen/, timebank/). Shapes follow the API contract of issue 5
// and docs/eldercare-assessment.md.
//
// Writes leave their errors to the caller (notify: false): the forms put them on their items.
import { request } from '@/api/client';

// ---- Elders and the one-elder-one-file view ---------------------------------------------------

export type ElderFilter = 'all' | 'living_alone' | 'disabled' | 'alerts';

export interface ElderRow {
  resident_id: number;
  name: string;
  sex: string;
  age: number;
  building: string | null;
  unit: string | null;
  room: string | null;
  tags: string[];
  grade: number | null;
  grade_name: string | null;
  alerts: number;
}

export interface ElderPage {
  total: number;
  elders: ElderRow[];
}

export type AlertCode = 'no_meal_3_days' | 'visit_missed' | 'assessment_overdue' | 'no_care_plan';

export interface ElderAlert {
  code: AlertCode | string;
  severity: 'high' | 'medium';
  since: string | null;
  message_zh: string;
  message_en: string;
}

export interface CarePlanItem {
  service_code: string;
  service_name_zh: string;
  service_name_en: string;
  visits_per_month: number;
  delivered_this_month: number;
  planned_this_month: number;
}

export interface CarePlan {
  id: number;
  resident_id: number;
  grade: number | null;
  starts_on: string;
  ends_on: string | null;
  note: string | null;
  items: CarePlanItem[];
}

export interface AssessmentSummary {
  id: number;
  assessed_on: string;
  total: number;
  grade: number;
  grade_name: string;
  grade_name_en?: string;
}

export interface MealOrderSummary {
  id?: number;
  order_id?: number;
  canteen_name?: string;
  date: string;
  meal: string;
  mode?: string;
  status?: string;
  price_fen?: number;
  pay_fen?: number;
}

export interface StandingOrderSummary {
  id: number;
  canteen_name?: string;
  meal: string;
  weekdays?: number[];
  mode?: string;
  paused?: boolean;
  status?: string;
}

export interface VolunteerVisit {
  id: number;
  volunteer_id: number;
  volunteer_name?: string;
  elder_resident_id: number;
  elder_name?: string;
  date: string;
  minutes: number;
  note?: string | null;
  entry_id?: number;
}

export interface EmergencyContact {
  id: number;
  name: string;
  relation: string;
  phone_masked: string;
  priority: number;
}

export interface ElderFile {
  resident: {
    id: number;
    name: string;
    sex: string;
    age: number;
    birth_date: string;
    household_id: number | null;
    address: string | null;
    tags: string[];
    disability_level: number | null;
    phone_masked: string | null;
    living_alone: boolean;
  };
  assessment: {
    latest: AssessmentSummary | null;
    next_due: string | null;
    history: AssessmentSummary[];
  };
  care_plan: CarePlan | null;
  meals: { recent: MealOrderSummary[]; standing: StandingOrderSummary[]; last_meal_date: string | null };
  homecare: { upcoming: Visit[]; recent: Visit[] };
  volunteer_visits: VolunteerVisit[];
  timebank: { balance_minutes: number } | null;
  emergency_contacts: EmergencyContact[];
  alerts: ElderAlert[];
}

export interface ElderQuery {
  community?: number;
  q?: string;
  filter?: ElderFilter;
  page?: number;
  page_size?: number;
}

export function fetchElders(query: ElderQuery): Promise<ElderPage> {
  return request('/elders', {
    query: {
      community: query.community,
      q: query.q || undefined,
      filter: query.filter && query.filter !== 'all' ? query.filter : undefined,
      page: query.page,
      page_size: query.page_size,
    },
  });
}

/** Errors are left to the page (a 404 says "no such elder"). */
export function fetchElderFile(residentId: number): Promise<ElderFile> {
  return request(`/elders/${residentId}`, { notify: false });
}

export interface NewCarePlan {
  starts_on: string;
  ends_on?: string;
  assessment_id?: number;
  items?: { service_code: string; visits_per_month: number }[];
  note?: string;
}

export function createCarePlan(residentId: number, plan: NewCarePlan): Promise<CarePlan> {
  return request(`/elders/${residentId}/care-plans`, { method: 'POST', body: plan, notify: false });
}

export interface NewContact {
  name: string;
  relation: string;
  phone: string;
  priority?: number;
}

export function createContact(residentId: number, contact: NewContact): Promise<EmergencyContact> {
  return request(`/elders/${residentId}/emergency-contacts`, { method: 'POST', body: contact, notify: false });
}

/** The full number: the server checks read_personal_data and writes an audit row. */
export function revealContactPhone(residentId: number, contactId: number): Promise<{ phone: string }> {
  return request(`/elders/${residentId}/emergency-contacts/${contactId}/phone`, { notify: false });
}

// ---- Ability assessment (GB/T 42195-2022) -----------------------------------------------------

export interface FormLevel {
  score: number;
  wording_zh: string;
  wording_en: string;
}

export interface FormItem {
  code: string;
  dimension: string;
  name_zh: string;
  name_en: string;
  min_score: number;
  max_score: number;
  levels: FormLevel[];
}

export interface FormDimension {
  code: string;
  name_zh: string;
  name_en: string;
  max_score: number;
}

export interface FormGrade {
  grade: number;
  name_zh: string;
  name_en: string;
  min_total: number;
  max_total: number;
}

export interface FormCondition {
  key: string;
  type: 'boolean' | 'integer';
  name_zh: string;
  name_en: string;
}

export interface AssessmentForm {
  standard: string;
  max_total: number;
  min_age: number;
  dimensions: FormDimension[];
  items: FormItem[];
  grades: FormGrade[];
  conditions: FormCondition[];
  reasons: { code: string; name_zh: string }[];
}

export interface Conditions {
  coma: boolean;
  dementia: boolean;
  psychiatric: boolean;
  risk_events_30d: number;
}

export interface NewAssessment {
  resident_id: number;
  assessed_on?: string;
  reason?: string;
  items: Record<string, number>;
  conditions: Conditions;
}

export interface Assessment {
  id: number;
  resident_id: number;
  assessed_on: string;
  reason: string;
  reason_zh: string;
  total: number;
  dimension_scores: Record<string, number>;
  initial_grade: number;
  initial_grade_name: string;
  grade: number;
  grade_name: string;
  grade_name_en: string;
  adjustments: { code: string; text: string; capped: boolean }[];
  next_due_on: string;
}

export interface DueAssessment {
  resident_id: number;
  resident_name: string;
  grid_id: number | null;
  assessment_id: number;
  assessed_on: string;
  grade: number;
  grade_name: string;
  next_due_on: string;
}

export function fetchAssessmentForm(): Promise<AssessmentForm> {
  return request('/assessments/form');
}

export function createAssessment(assessment: NewAssessment): Promise<Assessment> {
  return request('/assessments', { method: 'POST', body: assessment, notify: false });
}

export function fetchDueAssessments(query: { community?: number; before?: string }): Promise<{ due: DueAssessment[] }> {
  return request('/assessments/due', { query });
}

export function fetchResidentAssessments(residentId: number): Promise<{ assessments: Assessment[] }> {
  return request(`/residents/${residentId}/assessments`);
}

// ---- Home care ---------------------------------------------------------------------------------

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

export type OrderStatus = 'requested' | 'scheduled' | 'done' | 'missed' | 'cancelled';

export interface HomeCareOrder {
  id: number;
  community_id: number;
  resident_id: number;
  resident_name: string;
  service_code: string;
  service_name_zh: string;
  service_name_en: string;
  date: string;
  window_start: string;
  window_end: string;
  status: OrderStatus;
  note: string | null;
  price_fen: number;
  subsidy_fen: number;
  pay_fen: number;
  visit_id: number | null;
}

export type VisitStatus = 'planned' | 'in_progress' | 'done' | 'missed' | 'cancelled';

export interface Visit {
  id: number;
  order_id: number;
  resident_id: number;
  resident_name: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  service_code: string;
  service_name_zh: string;
  service_name_en: string;
  date: string;
  window_start: string;
  window_end: string;
  planned_start: string | null;
  planned_end: string | null;
  travel_min_before: number | null;
  worker_id: number | null;
  worker_name: string | null;
  status: VisitStatus;
  check_in_at: string | null;
  check_out_at: string | null;
  late: boolean;
  away_from_home: boolean;
  missed: boolean;
  caregiver_note: string | null;
  rating: number | null;
  rating_comment: string | null;
}

export type UnplacedReason = 'no_qualified_caregiver' | 'no_time_left' | 'unreachable';

export interface ScheduleRoute {
  worker_id: number;
  worker_name: string;
  travel_min: number;
  visits: Visit[];
}

export interface Schedule {
  date: string;
  method: 'insertion' | 'nearest_neighbour';
  travel_source: 'walking_network' | 'straight_line';
  total_travel_min: number;
  baseline_travel_min: number;
  solve_ms: number;
  routes: ScheduleRoute[];
  unplaced: { order_id: number; reason: UnplacedReason | string }[];
}

export interface NewOrder {
  resident_id: number;
  service_code: string;
  date: string;
  window_start: string;
  window_end: string;
  note?: string;
}

export function fetchServices(): Promise<{ services: HomeCareService[] }> {
  return request('/homecare/services');
}

export function fetchOrders(query: {
  community?: number;
  date?: string;
  resident_id?: number;
  status?: string;
}): Promise<{ orders: HomeCareOrder[] }> {
  return request('/homecare/orders', { query });
}

export function createOrder(order: NewOrder): Promise<HomeCareOrder> {
  return request('/homecare/orders', { method: 'POST', body: order, notify: false });
}

export function cancelOrder(id: number): Promise<HomeCareOrder> {
  return request(`/homecare/orders/${id}/cancel`, { method: 'POST', body: {} });
}

export function planSchedule(body: {
  community_id?: number;
  date: string;
  method?: 'insertion' | 'nearest_neighbour';
  dry_run: boolean;
}): Promise<Schedule> {
  return request('/homecare/schedule', { method: 'POST', body, notify: false });
}

export function assignVisit(body: { order_id: number; worker_id: number; start: string }): Promise<Visit> {
  return request('/homecare/visits', { method: 'POST', body, notify: false });
}

export function fetchVisits(query: { community?: number; date?: string; worker_id?: number }): Promise<{ visits: Visit[] }> {
  return request('/homecare/visits', { query });
}

export function rateVisit(id: number, body: { rating: number; comment?: string }): Promise<Visit> {
  return request(`/homecare/visits/${id}/rating`, { method: 'POST', body, notify: false });
}

// ---- Workforce -------------------------------------------------------------------------------

export const WORKER_KINDS = ['caregiver', 'doctor', 'nurse', 'therapist', 'social_worker'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

export interface Qualification {
  code: string;
  name_zh: string;
  name_en: string;
  validity_years: number | null;
}

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'revoked';

export interface Certificate {
  id: number;
  worker_id: number;
  qualification: string;
  number: string | null;
  issuer: string | null;
  valid_from: string;
  valid_to: string;
  revoked: boolean;
  status: CertificateStatus;
}

export interface Training {
  id: number;
  course: string;
  date: string;
  hours: number;
}

export interface Worker {
  id: number;
  community_id: number;
  name: string;
  kind: WorkerKind;
  skills: string[];
  work_weekdays: number[];
  work_start: string;
  work_end: string;
  start_lat: number | null;
  start_lon: number | null;
  active: boolean;
  login: string | null;
  qualifications_valid_today: string[];
}

export interface WorkerDetail extends Worker {
  certificates: Certificate[];
  training: Training[];
  training_hours_this_year: number;
}

export interface WorkerFields {
  community_id?: number;
  name: string;
  kind: WorkerKind;
  skills: string[];
  work_weekdays: number[];
  work_start: string;
  work_end: string;
  start_lat?: number | null;
  start_lon?: number | null;
  login?: string | null;
  active?: boolean;
}

export type ReminderKind = 'certificate_expiring' | 'certificate_expired' | 'training_short';

export interface Reminder {
  kind: ReminderKind | string;
  worker_id: number;
  worker_name: string;
  qualification?: string;
  valid_to?: string;
  days_left?: number;
  message_zh: string;
  message_en: string;
}

export function fetchQualifications(): Promise<{ qualifications: Qualification[] }> {
  return request('/workforce/qualifications');
}

export function fetchWorkers(community?: number): Promise<{ workers: Worker[] }> {
  return request('/workforce/workers', { query: { community } });
}

export function fetchWorker(id: number): Promise<WorkerDetail> {
  return request(`/workforce/workers/${id}`);
}

export function createWorker(worker: WorkerFields): Promise<Worker> {
  return request('/workforce/workers', { method: 'POST', body: worker, notify: false });
}

export function updateWorker(id: number, worker: WorkerFields): Promise<Worker> {
  return request(`/workforce/workers/${id}`, { method: 'PUT', body: worker, notify: false });
}

export function addCertificate(
  workerId: number,
  cert: { qualification: string; number?: string; issuer?: string; valid_from: string; valid_to: string },
): Promise<Certificate> {
  return request(`/workforce/workers/${workerId}/certificates`, { method: 'POST', body: cert, notify: false });
}

export function revokeCertificate(id: number): Promise<Certificate> {
  return request(`/workforce/certificates/${id}/revoke`, { method: 'POST', body: {} });
}

export function addTraining(workerId: number, training: { course: string; date: string; hours: number }): Promise<Training> {
  return request(`/workforce/workers/${workerId}/training`, { method: 'POST', body: training, notify: false });
}

export function fetchReminders(query: { community?: number; within_days?: number }): Promise<{ reminders: Reminder[] }> {
  return request('/workforce/reminders', { query });
}

// ---- Volunteers --------------------------------------------------------------------------------

export interface Volunteer {
  id: number;
  community_id: number;
  resident_id: number;
  name: string;
  skills: string[];
  availability_weekdays: number[];
  availability_note: string | null;
  background_check_date: string | null;
  background_check_due: boolean;
  active: boolean;
  balance_minutes: number;
}

export interface VolunteerFields {
  resident_id: number;
  skills: string[];
  availability_weekdays: number[];
  availability_note?: string;
  background_check_date?: string | null;
  active?: boolean;
}

export function fetchVolunteers(community?: number): Promise<{ volunteers: Volunteer[] }> {
  return request('/volunteers', { query: { community } });
}

export function createVolunteer(volunteer: VolunteerFields): Promise<Volunteer> {
  return request('/volunteers', { method: 'POST', body: volunteer, notify: false });
}

export function updateVolunteer(id: number, volunteer: VolunteerFields): Promise<Volunteer> {
  return request(`/volunteers/${id}`, { method: 'PUT', body: volunteer, notify: false });
}

export function recordVolunteerVisit(
  volunteerId: number,
  visit: { elder_resident_id: number; date: string; minutes: number; note?: string },
): Promise<VolunteerVisit & { balance_minutes: number }> {
  return request(`/volunteers/${volunteerId}/visits`, { method: 'POST', body: visit, notify: false });
}

export function fetchVolunteerVisits(query: { elder_resident_id?: number; volunteer_id?: number }): Promise<{
  visits: VolunteerVisit[];
}> {
  return request('/volunteers/visits', { query });
}

/** The registry's resident search, for picking a person (a volunteer, an elder) by name. */
export interface ResidentHit {
  id: number;
  name: string;
  birth_date: string;
  household_id: number | null;
}

export function searchResidents(q: string, community?: number): Promise<{ residents: ResidentHit[] }> {
  return request('/residents', { query: { q, community, page: 1 } });
}
