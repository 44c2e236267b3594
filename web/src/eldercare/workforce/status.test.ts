import { describe, expect, it } from 'vitest';

import type { Reminder, WorkerFields } from '../api';
import { certificateTagType, checkWorker, sortReminders } from './status';

const reminder = (kind: string, name: string, days?: number): Reminder => ({
  kind,
  worker_id: 1,
  worker_name: name,
  days_left: days,
  message_zh: '',
  message_en: '',
});

const worker: WorkerFields = {
  name: '王芳',
  kind: 'caregiver',
  skills: ['bathing'],
  work_weekdays: [1, 2, 3, 4, 5],
  work_start: '08:00',
  work_end: '17:00',
  start_lat: 43.73,
  start_lon: 7.42,
};

describe('workforce status', () => {
  it('colours certificate statuses', () => {
    expect(['valid', 'expiring', 'expired', 'revoked'].map(certificateTagType)).toEqual(['success', 'warning', 'danger', 'info']);
  });

  it('lists expired first, then the soonest to expire, then short training', () => {
    const sorted = sortReminders([
      reminder('training_short', '甲'),
      reminder('certificate_expiring', '乙', 40),
      reminder('certificate_expired', '丙', -3),
      reminder('certificate_expiring', '丁', 5),
    ]);
    expect(sorted.map((r) => r.worker_name)).toEqual(['丙', '丁', '乙', '甲']);
  });

  it('checks a worker’s form', () => {
    expect(checkWorker(worker)).toEqual({});
    expect(checkWorker({ ...worker, name: ' ', work_weekdays: [9], work_end: '07:00' })).toEqual({
      name: 'required',
      work_weekdays: 'weekdays',
      work_end: 'hours',
    });
    expect(checkWorker({ ...worker, start_lat: 95, start_lon: -200 })).toEqual({ start_lat: 'lat', start_lon: 'lon' });
    expect(checkWorker({ ...worker, start_lat: null, start_lon: null })).toEqual({});
  });
});
