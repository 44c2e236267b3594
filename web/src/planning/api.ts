// Planning calls (docs/planning-map.md, the routes of src/api/planning_handlers.cc): the state of
// the imported walking network, the complete-community assessment of a community, its map layers,
// walking isochrones around a point and the "what if" of added facilities (nothing is stored).
//
// Ids come as the server writes them: building and community ids of the assessment are strings
// ("12"), facility ids are OSM references ("node/123") or registered ones. Compare with String().
import { request } from '@/api/client';

/** The current OpenStreetMap import, as GET /planning/status reports it. */
export interface PlanningImport {
  id: number | string;
  source_name: string;
  imported_at: string;
  nodes: number;
  edges: number;
}

export interface FacilityTypeInfo {
  type: string;
  name_zh: string;
  name_en: string;
  count: number;
}

export interface ChecklistEntry {
  item: string;
  facility_type: string | null;
  max_distance_m: number | null;
  name_zh: string;
  name_en: string;
  needs_worker_input: boolean;
}

export interface PlanningStatus {
  import: PlanningImport | null;
  facility_types: FacilityTypeInfo[];
  checklist: ChecklistEntry[];
  walking_speed_m_per_min: number;
}

/** The nearest facility of one type from a building, by walking; null when none is reachable. */
export interface Nearest {
  distance_m: number;
  facility_id: string;
}

export interface AssessedBuilding {
  id: string | number;
  osm_id?: number | string | null;
  lat: number;
  lon: number;
  community_id: string | number;
  residents: number;
  residents_60_plus: number;
  residents_estimated?: boolean;
  on_network: boolean;
  snap_distance_m?: number | null;
  nearest: Record<string, Nearest | null>;
}

export interface ItemEvidence {
  median_nearest: Nearest | null;
  residents_outside: number;
  residents_outside_60_plus: number;
  buildings_outside: number;
  buildings_off_network: number;
  facilities_of_type: number;
}

/** One checklist item of a community. The measured fields are null for worker-input items. */
export interface AssessedItem {
  item: string;
  name_zh: string;
  name_en: string;
  source?: string;
  source_status?: string;
  facility_type: string | null;
  max_distance_m: number | null;
  max_walk_minutes?: number;
  required_share?: number;
  needs_worker_input: boolean;
  residents_covered: number | null;
  share: number | null;
  pass: boolean | null;
  evidence: ItemEvidence | null;
  /** A worker's answer, on the items that need one (null until answered). */
  worker_answer?: WorkerAnswer | null;
}

export interface WorkerAnswer {
  answer: 'yes' | 'no';
  note: string;
  answered_by: string;
  answered_at: string;
}

export type ResidentsSource = 'registry' | 'estimated' | 'mixed' | 'none';

export interface AssessedCommunity {
  id: string | number;
  name: string;
  residents: number;
  residents_60_plus?: number;
  buildings?: number;
  buildings_estimated?: number;
  residents_source: ResidentsSource | string;
  items: AssessedItem[];
}

export interface Gap {
  community_id: string | number;
  community_name?: string;
  item: string;
  facility_type: string;
  max_distance_m: number;
  residents_outside: number;
  residents_outside_60_plus: number;
  pass: boolean | null;
  message_zh: string;
  message_en: string;
}

export interface Assessment {
  walking_speed_m_per_min: number;
  buildings: AssessedBuilding[];
  communities: AssessedCommunity[];
  gaps: Gap[];
  unreachable?: { buildings: string[]; facilities: string[] };
  source?: { import_id: number | string; file: string };
}

/** GeoJSON as the layers carry it, positions [longitude, latitude]. */
export type Position = number[];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface Feature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: number | string;
  geometry: Geometry | null;
  properties: P;
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

/**
 * A building of the buildings layer: its figures and, under each facility type's name, the walking
 * distance in metres to the nearest one (null: none reachable).
 */
export interface BuildingProperties {
  id: string | number;
  residents: number;
  residents_60_plus: number;
  community_id: string | number;
  on_network: boolean;
  [facilityType: string]: unknown;
}

export interface FacilityProperties {
  id: string | number;
  facility_type: string;
  name?: string | null;
  on_network?: boolean;
}

export interface IsochroneProperties {
  minutes: number;
  distance_m: number;
  area_m2: number;
}

export const LAYERS = ['buildings', 'facilities', 'network', 'communities'] as const;
export type LayerName = (typeof LAYERS)[number];

/** A facility the planner imagines: where, of which type, under what name. */
export interface AddedFacility {
  facility_type: string;
  lat: number;
  lon: number;
  name?: string;
}

/** An added facility as the what-if answers it: with the id the assessment knows it by. */
export interface ProposedFacility extends AddedFacility {
  id: string;
  on_network?: boolean;
  snap_distance_m?: number | null;
}

export interface Change {
  community_id: string | number;
  item: string;
  facility_type: string;
  share_before: number | null;
  share_after: number | null;
  residents_covered_before: number | null;
  residents_covered_after: number | null;
}

export interface WhatIfResult {
  before: { communities: AssessedCommunity[] };
  after: Assessment;
  /** The facilities added, as assessed (their ids appear as `nearest.facility_id`). */
  added?: ProposedFacility[];
  changes: Change[];
}

export function fetchStatus(): Promise<PlanningStatus> {
  return request('/planning/status');
}

export function fetchAssessment(community: number | string, signal?: AbortSignal): Promise<Assessment> {
  return request('/planning/assessment', { query: { community: String(community) }, signal });
}

/** The path (under /api/v1) of a layer of one community. */
export function layerPath(name: LayerName, community: number | string): string {
  return `/planning/layers/${name}.geojson?community=${encodeURIComponent(String(community))}`;
}

export function fetchLayer<P>(
  name: LayerName,
  community: number | string,
  signal?: AbortSignal,
): Promise<FeatureCollection<P>> {
  return request(`/planning/layers/${name}.geojson`, { query: { community: String(community) }, signal });
}

/** The minutes the isochrones are drawn for: the 5-, 10- and 15-minute living circles. */
export const ISOCHRONE_MINUTES = [5, 10, 15] as const;

/**
 * The path (under /api/v1) of the isochrones around a point: coordinates rounded to 6 decimals
 * (about 0.1 m, finer than any click), minutes as a comma list.
 */
export function isochronePath(lat: number, lon: number, minutes: readonly number[] = ISOCHRONE_MINUTES): string {
  const params = new URLSearchParams({
    lat: lat.toFixed(6),
    lon: lon.toFixed(6),
    minutes: minutes.join(','),
  });
  // URLSearchParams writes the comma as %2C; the server reads either, a plain one reads better.
  return `/planning/isochrone?${params.toString().replace(/%2C/g, ',')}`;
}

/** `notify` off: the map says itself that a point has no isochrone (off the network, say). */
export function fetchIsochrones(
  lat: number,
  lon: number,
  minutes: readonly number[] = ISOCHRONE_MINUTES,
  notify = true,
): Promise<FeatureCollection<IsochroneProperties>> {
  return request(isochronePath(lat, lon, minutes), { notify });
}

export function postWhatIf(community: number | string, add: readonly AddedFacility[]): Promise<WhatIfResult> {
  return request('/planning/what-if', { method: 'POST', body: { community: Number(community), add } });
}

/** Records a worker's answer to a checklist item no map can answer, for one community. */
export function saveWorkerAnswer(
  community: number | string,
  item: string,
  answer: 'yes' | 'no',
  note: string,
): Promise<WorkerAnswer> {
  return request(
    `/planning/communities/${encodeURIComponent(String(community))}/worker-items/${encodeURIComponent(item)}`,
    { method: 'PUT', body: { answer, note } },
  );
}
