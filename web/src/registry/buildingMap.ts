// The pure parts of the buildings map (BuildingsMap.vue): the style with no outside resources, the
// bounds of the community's footprints, the colour classes of the fill and a footprint's centre.
// Kept apart from MapLibre so they run in vitest without WebGL.
import type { BuildingFeatureCollection, GeoJsonGeometry, Position } from './api';

/** [[west, south], [east, north]] in degrees. */
export type Bounds = [[number, number], [number, number]];

/** What the fill is coloured by. */
export type ColourBy = 'residents' | 'floors';

/** One class of the legend: values in [from, to] (to undefined: and above) get `colour`. */
export interface ColourClass {
  from: number;
  to?: number;
  colour: string;
}

/** Light to dark blue-green (sequential, readable for the common colour-vision deficiencies). */
export const PALETTE = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'] as const;
/** Buildings without the figure (floors unknown). */
export const NO_DATA_COLOUR = '#cccccc';

/** The positions of a geometry, flattened. */
function positionsOf(geometry: GeoJsonGeometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

/** The bounds of every feature's geometry; undefined when none has one. */
export function featureBounds(collection: BuildingFeatureCollection): Bounds | undefined {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of collection.features) {
    if (!feature.geometry) continue;
    for (const position of positionsOf(feature.geometry)) {
      const [lon, lat] = position as [number, number];
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  if (!Number.isFinite(west)) return undefined;
  return [
    [west, south],
    [east, north],
  ];
}

/**
 * The centre of a footprint: the area centroid of a polygon's outer ring (of the largest polygon
 * of a MultiPolygon), the point itself for a Point. Falls back to the mean of the ring's vertices
 * when the ring has no area.
 */
export function geometryCentre(geometry: GeoJsonGeometry): [number, number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!];
  const rings =
    geometry.type === 'Polygon' ? [geometry.coordinates[0] ?? []] : geometry.coordinates.map((p) => p[0] ?? []);
  let best: [number, number] = [0, 0];
  let bestArea = -1;
  for (const ring of rings) {
    const { centre, area } = ringCentroid(ring);
    if (Math.abs(area) > bestArea) {
      bestArea = Math.abs(area);
      best = centre;
    }
  }
  return best;
}

function ringCentroid(ring: Position[]): { centre: [number, number]; area: number } {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (twiceArea === 0) {
    const n = Math.max(1, ring.length);
    const sum = ring.reduce<[number, number]>((acc, p) => [acc[0] + p[0]!, acc[1] + p[1]!], [0, 0]);
    return { centre: [sum[0] / n, sum[1] / n], area: 0 };
  }
  return { centre: [cx / (3 * twiceArea), cy / (3 * twiceArea)], area: twiceArea / 2 };
}

/**
 * Up to PALETTE.length classes of equal width over 0…max of `values`, rounded to whole numbers
 * (counts of people and floors); a single class when every value is the same.
 */
export function colourClasses(values: readonly number[]): ColourClass[] {
  const finite = values.filter((v) => Number.isFinite(v) && v >= 0);
  const max = finite.length ? Math.max(...finite) : 0;
  if (max === 0) return [{ from: 0, colour: PALETTE[0] }];
  const count = Math.min(PALETTE.length, max + 1);
  const width = Math.ceil((max + 1) / count);
  const classes: ColourClass[] = [];
  for (let i = 0; i < count; i++) {
    const from = i * width;
    if (from > max) break;
    const to = Math.min(max, from + width - 1);
    classes.push({ from, to, colour: PALETTE[Math.round((i * (PALETTE.length - 1)) / Math.max(1, count - 1))]! });
  }
  return classes;
}

/** The colour of `value` among `classes`; NO_DATA_COLOUR for a missing figure. */
export function colourOf(value: number | null | undefined, classes: readonly ColourClass[]): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_COLOUR;
  let colour = classes[0]?.colour ?? NO_DATA_COLOUR;
  for (const c of classes) if (value >= c.from) colour = c.colour;
  return colour;
}

/**
 * The MapLibre expression that colours a feature by `property` with `classes`: a `step` on the
 * value, grey when the property is null.
 */
export function fillColourExpression(property: ColourBy, classes: readonly ColourClass[]): unknown[] {
  const step: unknown[] = ['step', ['to-number', ['get', property], 0], classes[0]?.colour ?? NO_DATA_COLOUR];
  for (const c of classes.slice(1)) step.push(c.from, c.colour);
  return ['case', ['==', ['get', property], null], NO_DATA_COLOUR, step];
}

