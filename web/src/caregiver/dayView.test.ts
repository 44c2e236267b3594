import { describe, expect, it } from 'vitest';

import type { Visit } from './api';
import { clockOf, isFinished, mapLinks, nextAction, progress, sortVisits, visitFlags } from './dayView';

function visit(id: number, over: Partial<Visit> = {}): Visit {
  return {
    id,
    order_id: id,
    resident_id: 1,
    resident_name: '王奶奶',
    address: '幸福路 1 号',
    lat: 43.7384,
    lon: 7.4246,
    service_code: 'cleaning',
    service_name_zh: '助洁',
    service_name_en: 'Cleaning',
    date: '2026-12-01',
    window_start: '08:00',
    window_end: '12:00',
    planned_start: null,
    planned_end: null,
    travel_min_before: null,
    worker_id: 3,
    worker_name: '李护工',
    status: 'planned',
    check_in_at: null,
    check_out_at: null,
    late: false,
    away_from_home: false,
    missed: false,
    caregiver_note: null,
    rating: null,
    rating_comment: null,
    ...over,
  };
}

describe('sortVisits', () => {
  it('orders by planned start, else the window, then id', () => {
    const sorted = sortVisits([
      visit(1, { planned_start: '14:00' }),
      visit(2, { planned_start: '09:30' }),
      visit(3, { window_start: '09:30' }),
      visit(4, { planned_start: '08:15' }),
    ]);
    expect(sorted.map((v) => v.id)).toEqual([4, 2, 3, 1]);
  });
});

describe('nextAction', () => {
  it('checks in a planned visit and out one in progress, today only', () => {
    expect(nextAction(visit(1), true)).toBe('check_in');
    expect(nextAction(visit(1, { status: 'in_progress' }), true)).toBe('check_out');
    expect(nextAction(visit(1, { status: 'done' }), true)).toBeNull();
    expect(nextAction(visit(1), false)).toBeNull();
  });

  it('greys out what is over', () => {
    expect(['planned', 'in_progress', 'done', 'missed', 'cancelled'].map((s) => isFinished(visit(1, { status: s as Visit['status'] })))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('visitFlags', () => {
  it('lists the server’s flags in a fixed order', () => {
    expect(visitFlags(visit(1))).toEqual([]);
    expect(visitFlags(visit(1, { away_from_home: true, late: true }))).toEqual(['late', 'away_from_home']);
    expect(visitFlags(visit(1, { status: 'missed' }))).toEqual(['missed']);
  });
});

describe('progress', () => {
  it('counts done visits of those not cancelled', () => {
    expect(
      progress([visit(1, { status: 'done' }), visit(2), visit(3, { status: 'cancelled' }), visit(4, { status: 'in_progress' })]),
    ).toEqual({ done: 1, total: 3 });
  });
});

describe('mapLinks', () => {
  it('opens the home in AMap (WGS 84) and by a geo: URI', () => {
    expect(mapLinks({ lat: 43.7384, lon: 7.4246, resident_name: '王奶奶' })).toEqual({
      amap:
        'https://uri.amap.com/marker?position=7.424600,43.738400&name=%E7%8E%8B%E5%A5%B6%E5%A5%B6&coordinate=wgs84&callnative=1',
      geo: 'geo:43.738400,7.424600?q=43.738400,7.424600(%E7%8E%8B%E5%A5%B6%E5%A5%B6)',
    });
    expect(mapLinks({ lat: null, lon: 7.4, resident_name: 'x' })).toBeNull();
  });
});

describe('clockOf', () => {
  it('shows an instant’s time of day in Asia/Shanghai', () => {
    expect(clockOf('2026-12-01T01:05:00Z')).toBe('09:05');
    expect(clockOf('2026-12-01T09:05:00+08:00')).toBe('09:05');
    expect(clockOf(null)).toBe('');
  });
});
