import { describe, expect, it } from 'vitest';

import type { Visit } from '../api';
import {
  blockStyle,
  boundsOf,
  colourByWorker,
  groupIntoRoutes,
  routeColour,
  routesGeoJson,
  timelineBlocks,
  timelineSpan,
  travelSaving,
} from './routes';

function visit(id: number, fields: Partial<Visit>): Visit {
  return {
    id,
    order_id: id * 10,
    resident_id: id * 100,
    resident_name: `老人${id}`,
    address: null,
    lat: null,
    lon: null,
    service_code: 'cleaning',
    service_name_zh: '保洁',
    service_name_en: 'Cleaning',
    date: '2026-12-01',
    window_start: '09:00',
    window_end: '11:00',
    planned_start: null,
    planned_end: null,
    travel_min_before: null,
    worker_id: null,
    worker_name: null,
    status: 'planned',
    check_in_at: null,
    check_out_at: null,
    late: false,
    away_from_home: false,
    missed: false,
    caregiver_note: null,
    rating: null,
    rating_comment: null,
    ...fields,
  };
}

const day = [
  visit(1, { worker_id: 7, worker_name: '王芳', planned_start: '10:30', planned_end: '11:30', travel_min_before: 12, lat: 43.73, lon: 7.42 }),
  visit(2, { worker_id: 7, worker_name: '王芳', planned_start: '08:30', planned_end: '09:30', travel_min_before: 5, lat: 43.74, lon: 7.41 }),
  visit(3, { worker_id: 3, worker_name: '李强', planned_start: '09:00', planned_end: '10:00', travel_min_before: 0, lat: 43.72, lon: 7.43 }),
  visit(4, { worker_id: 3, worker_name: '李强', planned_start: '13:00', planned_end: '14:00', status: 'cancelled' }),
  visit(5, {}),
];

describe('home-care routes', () => {
  it('groups visits per caregiver in visiting order, cancelled ones left out, unassigned last', () => {
    const routes = groupIntoRoutes(day);
    expect(routes.map((r) => [r.workerId, r.visits.map((v) => v.id), r.travelMin])).toEqual([
      [3, [3], 0], // 李 (Li) sorts before 王 (Wang) in pinyin order
      [7, [2, 1], 17],
      [null, [5], 0],
    ]);
    expect(routes[0]!.colour).toBe(routeColour(0));
    expect(routes[1]!.colour).toBe(routeColour(1));
    expect(routes[2]!.colour).toBe('#909399');
    expect([...colourByWorker(routes).entries()]).toEqual([
      [3, routeColour(0)],
      [7, routeColour(1)],
    ]);
  });

  it('cycles colours', () => {
    expect(routeColour(10)).toBe(routeColour(0));
    expect(routeColour(-1)).toBe(routeColour(9));
  });

  it('draws a line through the placed homes from the caregiver’s start', () => {
    const routes = groupIntoRoutes(day);
    const geo = routesGeoJson(routes, new Map([[7, [7.4, 43.7] as [number, number]]]));
    expect(geo.lines.features.map((f) => [f.properties.worker_id, f.geometry.coordinates])).toEqual([
      [
        7,
        [
          [7.4, 43.7],
          [7.41, 43.74],
          [7.42, 43.73],
        ],
      ],
    ]);
    // Li has one placed home: a stop, no line. Visit 5 has no place.
    expect(geo.stops.features.map((f) => [f.properties.visit_id, f.properties.label])).toEqual([
      [3, '1'],
      [2, '1'],
      [1, '2'],
    ]);
    expect(boundsOf(geo)).toEqual([
      [7.4, 43.7],
      [7.43, 43.74],
    ]);
    expect(boundsOf(routesGeoJson([]))).toBeUndefined();
  });

  it('lays out a caregiver’s day: travel ending at each planned start, then the visit', () => {
    const blocks = timelineBlocks(day.filter((v) => v.worker_id === 7));
    expect(blocks.map((b) => [b.kind, b.from, b.to, b.visit.id])).toEqual([
      ['travel', 505, 510, 2],
      ['visit', 510, 570, 2],
      ['travel', 618, 630, 1],
      ['visit', 630, 690, 1],
    ]);
    expect(timelineSpan(blocks)).toEqual({ from: 480, to: 1080 });
    expect(timelineSpan([{ kind: 'visit', from: 420, to: 1150, visit: day[0]! }])).toEqual({ from: 420, to: 1200 });
    expect(blockStyle({ from: 540, to: 600 }, { from: 480, to: 1080 })).toEqual({ left: '10.00%', width: '10.00%' });
  });

  it('compares travel with the baseline', () => {
    expect(travelSaving({ total_travel_min: 80, baseline_travel_min: 100 })).toEqual({ savedMin: 20, percent: 20 });
    expect(travelSaving({ total_travel_min: 110, baseline_travel_min: 100 })).toEqual({ savedMin: -10, percent: -10 });
    expect(travelSaving({ total_travel_min: 0, baseline_travel_min: 0 })).toEqual({ savedMin: 0, percent: null });
  });
});
