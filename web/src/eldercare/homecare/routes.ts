// The day's home-care visits as caregivers' routes: grouped by caregiver in visiting order, a
// colour per caregiver (the same on the map, the table and the timeline), the lines through the
// homes for the map, and the timeline blocks (travel, then the visit) of the plan view. Pure.
import { minutesOfDay } from '../elders/format';
import type { Schedule, Visit } from '../api';

/** Distinct, dark enough for a 3 px line on the map's light background. */
export const ROUTE_COLOURS = [
  '#1f6fb2',
  '#c0392b',
  '#1e8449',
  '#8e44ad',
  '#d35400',
  '#117a65',
  '#b7950b',
  '#5d6d7e',
  '#a93226',
  '#2e4053',
] as const;

export function routeColour(index: number): string {
  return ROUTE_COLOURS[((index % ROUTE_COLOURS.length) + ROUTE_COLOURS.length) % ROUTE_COLOURS.length]!;
}

export interface Route {
  /** null: the visits nobody is assigned to yet. */
  workerId: number | null;
  workerName: string;
  colour: string;
  /** In visiting order (planned start, then id). */
  visits: Visit[];
  travelMin: number;
}

/** A visit that still happens or happened: a cancelled one is not on anyone's route. */
function onRoute(visit: Visit): boolean {
  return visit.status !== 'cancelled';
}

function byPlannedStart(a: Visit, b: Visit): number {
  const ta = minutesOfDay(a.planned_start);
  const tb = minutesOfDay(b.planned_start);
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? 1 : -1;
  if (ta !== tb && !Number.isNaN(ta)) return ta - tb;
  return a.id - b.id;
}

/**
 * Groups visits into one route per caregiver, caregivers by name, visits in order; the travel of a
 * route is the sum of its visits' travel before them. Unassigned visits come last, colour grey.
 */
export function groupIntoRoutes(visits: readonly Visit[]): Route[] {
  const groups = new Map<number | null, Visit[]>();
  for (const visit of visits) {
    if (!onRoute(visit)) continue;
    const key = visit.worker_id ?? null;
    const list = groups.get(key);
    if (list) list.push(visit);
    else groups.set(key, [visit]);
  }
  const assigned = [...groups.entries()]
    .filter(([key]) => key !== null)
    .map(([key, list]) => ({ key: key as number, name: list[0]!.worker_name ?? `#${key}`, list }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.key - b.key);
  const routes: Route[] = assigned.map(({ key, name, list }, index) => {
    const ordered = [...list].sort(byPlannedStart);
    return {
      workerId: key,
      workerName: name,
      colour: routeColour(index),
      visits: ordered,
      travelMin: ordered.reduce((sum, v) => sum + (v.travel_min_before ?? 0), 0),
    };
  });
  const unassigned = groups.get(null);
  if (unassigned) {
    routes.push({
      workerId: null,
      workerName: '',
      colour: '#909399',
      visits: [...unassigned].sort(byPlannedStart),
      travelMin: 0,
    });
  }
  return routes;
}

/** The colour of each caregiver, for tables that list visits (by worker id). */
export function colourByWorker(routes: readonly Route[]): Map<number, string> {
  const colours = new Map<number, string>();
  for (const route of routes) if (route.workerId !== null) colours.set(route.workerId, route.colour);
  return colours;
}

interface LineFeature {
  type: 'Feature';
  properties: { worker_id: number; worker_name: string; colour: string };
  geometry: { type: 'LineString'; coordinates: [number, number][] };
}

interface StopFeature {
  type: 'Feature';
  properties: { visit_id: number; worker_id: number | null; colour: string; order: number; label: string };
  geometry: { type: 'Point'; coordinates: [number, number] };
}

export interface RouteGeoJson {
  lines: { type: 'FeatureCollection'; features: LineFeature[] };
  stops: { type: 'FeatureCollection'; features: StopFeature[] };
}

/**
 * The routes for the map: a line per caregiver through the homes in visiting order (only when
 * two or more homes are placed), and a numbered point per placed home. Positions [lon, lat].
 * A caregiver's start (their own home or the service station) is drawn when given.
 */
export function routesGeoJson(
  routes: readonly Route[],
  starts: ReadonlyMap<number, [number, number]> = new Map(),
): RouteGeoJson {
  const lines: LineFeature[] = [];
  const stops: StopFeature[] = [];
  for (const route of routes) {
    const coordinates: [number, number][] = [];
    if (route.workerId !== null) {
      const start = starts.get(route.workerId);
      if (start) coordinates.push(start);
    }
    route.visits.forEach((visit, index) => {
      if (visit.lat === null || visit.lon === null || visit.lat === undefined || visit.lon === undefined) return;
      const point: [number, number] = [visit.lon, visit.lat];
      coordinates.push(point);
      stops.push({
        type: 'Feature',
        properties: {
          visit_id: visit.id,
          worker_id: route.workerId,
          colour: route.colour,
          order: index + 1,
          label: String(index + 1),
        },
        geometry: { type: 'Point', coordinates: point },
      });
    });
    if (route.workerId !== null && coordinates.length >= 2) {
      lines.push({
        type: 'Feature',
        properties: { worker_id: route.workerId, worker_name: route.workerName, colour: route.colour },
        geometry: { type: 'LineString', coordinates },
      });
    }
  }
  return { lines: { type: 'FeatureCollection', features: lines }, stops: { type: 'FeatureCollection', features: stops } };
}

/** [[west, south], [east, north]] of every position, or undefined when there are none. */
export function boundsOf(geo: RouteGeoJson): [[number, number], [number, number]] | undefined {
  const points: [number, number][] = [
    ...geo.stops.features.map((f) => f.geometry.coordinates),
    ...geo.lines.features.flatMap((f) => f.geometry.coordinates),
  ];
  if (points.length === 0) return undefined;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [
    [west, south],
    [east, north],
  ];
}

export interface TimelineBlock {
  kind: 'travel' | 'visit';
  /** Minutes after midnight. */
  from: number;
  to: number;
  visit: Visit;
}

/**
 * A caregiver's day as blocks for the plan's timeline: before each visit its travel (ending at
 * the planned start), then the visit itself. Visits without a planned time are left out.
 */
export function timelineBlocks(visits: readonly Visit[]): TimelineBlock[] {
  const blocks: TimelineBlock[] = [];
  for (const visit of [...visits].sort(byPlannedStart)) {
    const start = minutesOfDay(visit.planned_start);
    const end = minutesOfDay(visit.planned_end);
    if (Number.isNaN(start)) continue;
    const travel = visit.travel_min_before ?? 0;
    if (travel > 0) blocks.push({ kind: 'travel', from: start - travel, to: start, visit });
    blocks.push({ kind: 'visit', from: start, to: Number.isNaN(end) ? start : end, visit });
  }
  return blocks;
}

/** The hours the timeline spans: whole hours around every block, at least 8:00–18:00. */
export function timelineSpan(blocks: readonly TimelineBlock[]): { from: number; to: number } {
  let from = 8 * 60;
  let to = 18 * 60;
  for (const block of blocks) {
    from = Math.min(from, Math.floor(block.from / 60) * 60);
    to = Math.max(to, Math.ceil(block.to / 60) * 60);
  }
  return { from: Math.max(0, from), to: Math.min(24 * 60, to) };
}

/** A block's left offset and width in percent of the span. */
export function blockStyle(block: { from: number; to: number }, span: { from: number; to: number }): { left: string; width: string } {
  const length = Math.max(1, span.to - span.from);
  const left = ((block.from - span.from) / length) * 100;
  const width = (Math.max(block.to - block.from, 0) / length) * 100;
  return { left: `${left.toFixed(2)}%`, width: `${Math.max(width, 0.5).toFixed(2)}%` };
}

/**
 * How the plan's travel compares with the nearest-neighbour baseline: minutes saved (negative
 * when worse) and the percentage of the baseline; null percentage when the baseline is zero.
 */
export function travelSaving(schedule: Pick<Schedule, 'total_travel_min' | 'baseline_travel_min'>): {
  savedMin: number;
  percent: number | null;
} {
  const savedMin = schedule.baseline_travel_min - schedule.total_travel_min;
  const percent = schedule.baseline_travel_min > 0 ? Math.round((savedMin / schedule.baseline_travel_min) * 1000) / 10 : null;
  return { savedMin, percent };
}
