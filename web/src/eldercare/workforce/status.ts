// Certificates and reminders on the workforce page: the tag colour of a certificate's status (the
// status's word is always shown beside it), the order reminders are listed in, and a simple check
// of a worker's form before it is sent. Pure.
import type { CertificateStatus, Reminder, WorkerFields } from '../api';
import { minutesOfDay, normaliseWeekdays } from '../elders/format';

export function certificateTagType(status: CertificateStatus | string): 'success' | 'warning' | 'danger' | 'info' {
  switch (status) {
    case 'valid':
      return 'success';
    case 'expiring':
      return 'warning';
    case 'expired':
      return 'danger';
    default:
      return 'info';
  }
}

const REMINDER_RANK: Record<string, number> = { certificate_expired: 0, certificate_expiring: 1, training_short: 2 };

/** Expired first, then expiring soonest first, then short training; by name within a kind. */
export function sortReminders(reminders: readonly Reminder[]): Reminder[] {
  return [...reminders].sort((a, b) => {
    const rank = (REMINDER_RANK[a.kind] ?? 3) - (REMINDER_RANK[b.kind] ?? 3);
    if (rank !== 0) return rank;
    const days = (a.days_left ?? Infinity) - (b.days_left ?? Infinity);
    if (days !== 0 && Number.isFinite(days)) return days;
    return a.worker_name.localeCompare(b.worker_name, 'zh-CN');
  });
}

/** Field → problem code ('required', 'hours', 'weekdays', 'lat', 'lon') of a worker's form. */
export function checkWorker(worker: WorkerFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!worker.name.trim()) problems.name = 'required';
  if (normaliseWeekdays(worker.work_weekdays).length === 0) problems.work_weekdays = 'weekdays';
  const start = minutesOfDay(worker.work_start);
  const end = minutesOfDay(worker.work_end);
  if (Number.isNaN(start)) problems.work_start = 'required';
  if (Number.isNaN(end)) problems.work_end = 'required';
  else if (!Number.isNaN(start) && end <= start) problems.work_end = 'hours';
  const lat = worker.start_lat;
  const lon = worker.start_lon;
  if (lat !== null && lat !== undefined && (lat < -90 || lat > 90)) problems.start_lat = 'lat';
  if (lon !== null && lon !== undefined && (lon < -180 || lon > 180)) problems.start_lon = 'lon';
  return problems;
}
