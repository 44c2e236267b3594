// What the edit forms share: the PATCH body of only the fields that changed, the server's field
// errors put on the form's items, and the checks of a location typed by hand.
import type { Ref } from 'vue';

import { fieldErrors, reportError } from '@/api/client';

import type { GeoJsonGeometry } from './api';

/** The entries of `edited` that differ from `original` (compared as JSON, so arrays work). */
export function changedFields<T extends object>(original: T, edited: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(edited) as (keyof T)[]) {
    if (JSON.stringify(edited[key]) !== JSON.stringify(original[key])) out[key] = edited[key];
  }
  return out;
}

/**
 * Puts the server's complaint on the form item it names when the form has one (`form` holds a
 * key of that name); otherwise tells it as a message (a 404, a 409 on something not on the form).
 */
export function showServerErrors(error: unknown, form: object, target: Ref<Record<string, string>>): void {
  const errors = fieldErrors(error);
  const fields = Object.keys(errors);
  if (fields.length && fields.every((field) => field in form)) target.value = errors;
  else reportError(error);
}

/** A problem with a location typed by hand: an i18n key under registry.editBuilding. */
export type LocationProblem =
  | { field: 'latitude'; key: 'latitudeRange' | 'bothOrNeither' }
  | { field: 'longitude'; key: 'longitudeRange' }
  | { field: 'footprint'; key: 'footprintInvalid'; reason: FootprintProblem };

/** Latitude and longitude: both or neither, each in range. */
export function checkCoordinates(latitude: number | undefined, longitude: number | undefined): LocationProblem | undefined {
  if ((latitude === undefined) !== (longitude === undefined)) return { field: 'latitude', key: 'bothOrNeither' };
  if (latitude !== undefined && (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)) {
    return { field: 'latitude', key: 'latitudeRange' };
  }
  if (longitude !== undefined && (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)) {
    return { field: 'longitude', key: 'longitudeRange' };
  }
  return undefined;
}

function isPosition(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0] as number) <= 180 &&
    Math.abs(value[1] as number) <= 90
  );
}

/** Why a footprint typed by hand is refused: a key under registry.editBuilding.footprintProblem. */
export type FootprintProblem = 'notJson' | 'wrongType' | 'noRing' | 'ringTooShort' | 'badPosition' | 'notClosed';

/** A closed ring of at least four positions (RFC 7946 3.1.6); the problem when it is not. */
function ringProblem(ring: unknown): FootprintProblem | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return 'ringTooShort';
  if (!ring.every(isPosition)) return 'badPosition';
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'notClosed';
  return undefined;
}

/**
 * Reads a footprint typed as GeoJSON text: empty is "none" (null); a Polygon or MultiPolygon
 * (or a Feature holding one) is returned; anything else is refused with the reason.
 */
export function parseFootprint(
  text: string,
): { ok: true; value: GeoJsonGeometry | null } | { ok: false; reason: FootprintProblem } {
  if (text.trim() === '') return { ok: true, value: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  const object = parsed as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  const geometry = (object?.type === 'Feature' ? object.geometry : object) as { type?: unknown; coordinates?: unknown };
  if (!geometry || typeof geometry !== 'object') return { ok: false, reason: 'wrongType' };
  if (geometry.type === 'Polygon') {
    const rings = geometry.coordinates;
    if (!Array.isArray(rings) || rings.length === 0) return { ok: false, reason: 'noRing' };
    for (const ring of rings) {
      const problem = ringProblem(ring);
      if (problem) return { ok: false, reason: problem };
    }
    return { ok: true, value: { type: 'Polygon', coordinates: rings as number[][][] } };
  }
  if (geometry.type === 'MultiPolygon') {
    const polygons = geometry.coordinates;
    if (!Array.isArray(polygons) || polygons.length === 0) return { ok: false, reason: 'noRing' };
    for (const polygon of polygons) {
      if (!Array.isArray(polygon) || polygon.length === 0) return { ok: false, reason: 'noRing' };
      for (const ring of polygon) {
        const problem = ringProblem(ring);
        if (problem) return { ok: false, reason: problem };
      }
    }
    return { ok: true, value: { type: 'MultiPolygon', coordinates: polygons as number[][][][] } };
  }
  return { ok: false, reason: 'wrongType' };
}
