// The pure parts of the planning map (PlanningMap.vue): the stepped colour scale of walking
// distances, the MapLibre expression that applies it, the buildings recoloured by a "what if", the
// bounds to fit and the counts the legend and the browser test read. Kept apart from MapLibre so
// they run in vitest without WebGL.
import type { Assessment, BuildingProperties, FeatureCollection, Geometry, Position } from './api';

/** [[west, south], [east, north]] in degrees. */
export type Bounds = [[number, number], [number, number]];

/**
 * The radii of the walking living circles of GB 50180-2018 (5 min ≈ 300 m, 10 min ≈ 500 m,
 * 15 min ≈ 800–1000 m) and beyond: the scale's steps above an item's distance are the next two.
 */
export const CIRCLE_LADDER_M = [300, 500, 1000, 1500, 2000, 3000, 5000] as const;

/** Green, yellow, orange, red: within the item's distance, then one and two circles further, then beyond. */
export const STEP_COLOURS = ['#1a9641', '#f2d13c', '#f28e2b', '#d7191c'] as const;
/** A building with no facility of the type reachable on foot. */
export const UNREACHABLE_COLOUR = STEP_COLOURS[3];

/** One class of the legend: distances up to `upTo` metres (undefined: farther, or unreachable). */
export interface DistanceStep {
  upTo?: number;
  colour: string;
}

/**
 * The steps for an item whose required walking distance is `maxDistance` metres: ≤ max green,
 * ≤ the next circle yellow, ≤ the one after orange, farther or unreachable red. For 300 m:
 * 300 / 500 / 1000. Without a distance (worker-input item) the 5-minute circle is the base.
 */
export function distanceSteps(maxDistance: number | null | undefined): DistanceStep[] {
  const base = maxDistance !== null && maxDistance !== undefined && maxDistance > 0 ? maxDistance : CIRCLE_LADDER_M[0];
  const above = CIRCLE_LADDER_M.filter((r) => r > base);
  const second = above[0] ?? base * 2;
  const third = above[1] ?? second * 2;
  return [
    { upTo: base, colour: STEP_COLOURS[0] },
    { upTo: second, colour: STEP_COLOURS[1] },
    { upTo: third, colour: STEP_COLOURS[2] },
    { colour: STEP_COLOURS[3] },
  ];
}

/** The index of the step a distance falls in; the last (red) for null, missing or not finite. */
export function stepIndex(distance: number | null | undefined, steps: readonly DistanceStep[]): number {
  if (distance === null || distance === undefined || !Number.isFinite(distance)) return steps.length - 1;
  const index = steps.findIndex((s) => s.upTo === undefined || distance <= s.upTo);
  return index < 0 ? steps.length - 1 : index;
}

export function colourForDistance(distance: number | null | undefined, steps: readonly DistanceStep[]): string {
  return steps[stepIndex(distance, steps)]?.colour ?? UNREACHABLE_COLOUR;
}

/** A distance value of a feature property: a finite number, else null. */
export function distanceValue(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The MapLibre expression colouring a building by its distance under `property`: red when the
 * property is missing or null, else the colour of the first step the distance is within (≤, as
 * the standards write it; MapLibre's `step` would start a class AT its stop).
 */
export function distanceColourExpression(property: string, steps: readonly DistanceStep[]): unknown[] {
  const value = ['to-number', ['get', property], 0];
  const expression: unknown[] = ['case', ['any', ['!', ['has', property]], ['==', ['get', property], null]], UNREACHABLE_COLOUR];
  for (const s of steps) {
    if (s.upTo === undefined) break;
    expression.push(['<=', value, s.upTo], s.colour);
  }
  expression.push(steps[steps.length - 1]?.colour ?? UNREACHABLE_COLOUR);
  return expression;
}

/** Counts for the legend: buildings (and their residents) in each step. */
export interface StepCount {
  buildings: number;
  residents: number;
}

export function countByStep(
  buildings: FeatureCollection<BuildingProperties>,
  facilityType: string,
  steps: readonly DistanceStep[],
): StepCount[] {
  const counts = steps.map(() => ({ buildings: 0, residents: 0 }));
  for (const feature of buildings.features) {
    if (!feature.geometry) continue;
    const i = stepIndex(distanceValue(feature.properties[facilityType]), steps);
    counts[i]!.buildings += 1;
    counts[i]!.residents += Number(feature.properties.residents) || 0;
  }
  return counts;
}

/**
 * The buildings layer with each building's distance to `facilityType` taken from an assessment
 * (the "after" of a what-if): buildings the assessment does not list keep theirs. A new collection;
 * the input is not changed.
 */
export function withDistancesFrom(
  buildings: FeatureCollection<BuildingProperties>,
  assessment: Pick<Assessment, 'buildings'>,
  facilityType: string,
): FeatureCollection<BuildingProperties> {
  const distances = new Map<string, number | null>();
  for (const b of assessment.buildings) {
    distances.set(String(b.id), b.nearest?.[facilityType]?.distance_m ?? null);
  }
  return {
    type: 'FeatureCollection',
    features: buildings.features.map((feature) => {
      const key = String(feature.properties.id);
      if (!distances.has(key)) return feature;
      return { ...feature, properties: { ...feature.properties, [facilityType]: distances.get(key) ?? null } };
    }),
  };
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

/** The bounds of every geometry of the collections; undefined when there is none. */
export function boundsOf(...collections: readonly FeatureCollection<unknown>[]): Bounds | undefined {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const collection of collections) {
    for (const feature of collection.features) {
      if (!feature.geometry) continue;
      for (const [lon, lat] of positionsOf(feature.geometry) as [number, number][]) {
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  if (!Number.isFinite(west)) return undefined;
  return [
    [west, south],
    [east, north],
  ];
}

/** Walking minutes for a distance at the checklist's speed, rounded up to a whole minute. */
export function walkMinutes(distance: number, speedMPerMin: number): number {
  if (!(speedMPerMin > 0)) return 0;
  return Math.ceil(distance / speedMPerMin);
}

/** The translucent fill of the isochrone of `minutes`: the nearer, the stronger. */
export const ISOCHRONE_COLOURS: Record<number, string> = { 5: '#2c7fb8', 10: '#41b6c4', 15: '#a1dab4' };

export function isochroneColour(minutes: number): string {
  return ISOCHRONE_COLOURS[minutes] ?? '#7fcdbb';
}

/** An empty FeatureCollection. */
export function emptyCollection<P>(): FeatureCollection<P> {
  return { type: 'FeatureCollection', features: [] };
}
