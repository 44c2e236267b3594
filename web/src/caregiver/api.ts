// The caregiver's calls (API contract of issue 5, home care): their own visits of a day in order,
// and checking in and out at the home with where they are. Failures are shown on the visit's
// card, so no call here pops up a message (notify: false).
import { request } from '@/api/client';

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
  worker_id: number;
  worker_name: string;
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

export interface MyDay {
  worker: { id: number; name: string };
  date: string;
  visits: Visit[];
}

export interface Position {
  lat: number;
  lon: number;
}

const quiet = { notify: false } as const;

export function fetchMyDay(date: string): Promise<MyDay> {
  return request<MyDay>('/homecare/my/day', { ...quiet, query: { date } });
}

export function checkIn(visit: number, at: Position): Promise<Visit> {
  return request<Visit>(`/homecare/visits/${visit}/check-in`, { ...quiet, method: 'POST', body: at });
}

export function checkOut(visit: number, at: Position, note: string): Promise<Visit> {
  const body = note.trim() ? { ...at, note: note.trim() } : at;
  return request<Visit>(`/homecare/visits/${visit}/check-out`, { ...quiet, method: 'POST', body });
}
