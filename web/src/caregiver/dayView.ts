// The caregiver's day as a list of cards: the visits in the order they are walked, what the next
// tap does on each, the flags the server set, and links that open the home in a map app.
import { formatDateTime } from '@/common/format';

import type { Visit } from './api';

/** In the order of the day: planned start, else the window's start; then the id. */
export function sortVisits(visits: readonly Visit[]): Visit[] {
  const start = (v: Visit) => v.planned_start ?? v.window_start;
  return [...visits].sort((a, b) => start(a).localeCompare(start(b)) || a.id - b.id);
}

/** What the card's button does: check in, check out, or nothing (finished, or not today). */
export function nextAction(visit: Visit, isToday: boolean): 'check_in' | 'check_out' | null {
  if (!isToday) return null;
  if (visit.status === 'planned') return 'check_in';
  if (visit.status === 'in_progress') return 'check_out';
  return null;
}

/** A visit nothing more is done on: greyed out in the list. */
export function isFinished(visit: Visit): boolean {
  return visit.status === 'done' || visit.status === 'missed' || visit.status === 'cancelled';
}

export type VisitFlag = 'late' | 'away_from_home' | 'missed';

/** The flags the server returned, in a fixed order. */
export function visitFlags(visit: Visit): VisitFlag[] {
  const flags: VisitFlag[] = [];
  if (visit.late) flags.push('late');
  if (visit.away_from_home) flags.push('away_from_home');
  if (visit.missed || visit.status === 'missed') flags.push('missed');
  return flags;
}

/** How many visits of the day are done, of those not cancelled. */
export function progress(visits: readonly Visit[]): { done: number; total: number } {
  const live = visits.filter((v) => v.status !== 'cancelled');
  return { done: live.filter((v) => v.status === 'done').length, total: live.length };
}

/**
 * Links that open the home in a map app: AMap's URI API (told the point is WGS 84, as the
 * registry stores it) and a geo: URI (RFC 5870) for whatever map app the phone has. Null when the
 * home has no coordinates.
 */
export function mapLinks(
  visit: Pick<Visit, 'lat' | 'lon' | 'resident_name'>,
): { amap: string; geo: string } | null {
  if (visit.lat === null || visit.lon === null) return null;
  const lat = visit.lat.toFixed(6);
  const lon = visit.lon.toFixed(6);
  const name = encodeURIComponent(visit.resident_name);
  return {
    amap: `https://uri.amap.com/marker?position=${lon},${lat}&name=${name}&coordinate=wgs84&callnative=1`,
    geo: `geo:${lat},${lon}?q=${lat},${lon}(${name})`,
  };
}

/** "HH:MM" of an RFC 3339 instant in Asia/Shanghai; '' when absent. */
export function clockOf(iso: string | null): string {
  if (!iso) return '';
  return formatDateTime(iso).slice(11, 16);
}
