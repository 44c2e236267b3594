// Registry calls (docs/registry.md): communities, buildings, households, residents, the reveal
// of a full ID or phone number, and the population structure.
import { request } from '@/api/client';

import type { Sex } from './idNumber';

export const TAGS = [
  'living_alone',
  'disabled',
  'low_income',
  'extreme_poverty',
  'party_member',
  'veteran',
  'pregnant',
  'empty_nest',
  'left_behind_child',
] as const;
export type Tag = (typeof TAGS)[number];

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'child_in_law',
  'other',
] as const;

export const RESIDENCE_STATUSES = ['registered', 'living_here', 'both'] as const;
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];

export interface Community {
  id: number;
  street_id: number;
  name: string;
}

export interface Building {
  id: number;
  community_id: number;
  grid_id: number | null;
  number: string;
  address: string;
  floors: number | null;
  has_elevator: boolean;
  year_built: number | null;
  units: number;
  /** WGS 84 degrees; null when the building has not been placed. */
  latitude?: number | null;
  longitude?: number | null;
  /** The outline, a GeoJSON Polygon (or MultiPolygon), when known. */
  footprint?: GeoJsonGeometry | null;
  /** The OpenStreetMap way or relation the building came from. */
  osm_id?: number | string | null;
}

/** The GeoJSON geometries the registry stores (RFC 7946), positions as [longitude, latitude]. */
export type Position = [number, number] | number[];
export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** The properties of a feature of GET /buildings.geojson. */
export interface BuildingFeatureProperties {
  id: number;
  number: string;
  address: string;
  floors: number | null;
  has_elevator: boolean;
  households: number;
  residents: number;
}

export interface BuildingFeature {
  type: 'Feature';
  id?: number | string;
  geometry: GeoJsonGeometry | null;
  properties: BuildingFeatureProperties;
}

export interface BuildingFeatureCollection {
  type: 'FeatureCollection';
  features: BuildingFeature[];
}

/** PATCH /buildings/{id}: only the fields given change; null clears an optional one. */
export interface BuildingChanges {
  number?: string;
  address?: string;
  grid_id?: number | null;
  floors?: number | null;
  has_elevator?: boolean;
  year_built?: number | null;
  units?: number;
  latitude?: number | null;
  longitude?: number | null;
  footprint?: GeoJsonGeometry | null;
}

export interface NewBuilding {
  community_id: number;
  grid_id?: number;
  number: string;
  address: string;
  floors?: number;
  has_elevator?: boolean;
  year_built?: number;
  units?: number;
}

export interface Household {
  id: number;
  community_id: number;
  building_id: number;
  unit: string;
  floor: number;
  room: string;
  floor_area_m2: number | null;
}

/** A household of GET /households?building=, with the number of residents living there now. */
export interface HouseholdSummary extends Household {
  residents: number;
}

export interface Grid {
  id: number;
  community_id: number;
  name: string;
}

export interface NewHousehold {
  building_id: number;
  unit?: string;
  floor: number;
  room: string;
  floor_area_m2?: number;
}

export interface ResidentTag {
  tag: string;
  disability_level: number | null;
}

/** PATCH /households/{id}. */
export interface HouseholdChanges {
  unit?: string;
  floor?: number;
  room?: string;
  floor_area_m2?: number | null;
}

/** PATCH /residents/{id}: only the fields given change; null clears the phone or ID number. */
export interface ResidentChanges {
  name?: string;
  sex?: Sex;
  birth_date?: string;
  phone?: string | null;
  id_number?: string | null;
  residence_status?: string;
  relation_to_head?: string;
  tags?: { tag: string; disability_level?: number }[];
}

/** GET /my/household: a resident's own household, numbers masked. */
export interface MyHousehold {
  household: Household;
  building: Building;
  residents: Resident[];
}

export interface NewResidentAccount {
  login: string;
  display_name?: string;
  password: string;
}

/** A resident as the server shows it: ID and phone numbers masked. */
export interface Resident {
  id: number;
  community_id: number;
  name: string;
  sex: Sex;
  birth_date: string;
  id_number: string | null;
  phone: string | null;
  residence_status: string;
  /** Null once moved out. */
  household_id: number | null;
  building_id: number | null;
  grid_id: number | null;
  relation_to_head: string | null;
  moved_in_on: string | null;
  /** Only on a single resident, not in lists. */
  tags?: ResidentTag[];
}

export interface NewResident {
  household_id: number;
  name: string;
  sex?: Sex;
  birth_date?: string;
  id_number?: string;
  phone?: string;
  residence_status?: string;
  relation_to_head?: string;
  tags?: string[];
}

export interface ResidentPage {
  residents: Resident[];
  total: number;
  page: number;
  page_size: number;
}

export interface AgeBand {
  band: string;
  male: number;
  female: number;
}

export interface Population {
  as_of: string;
  total: number;
  by_age_band: AgeBand[];
  age_60_plus: number;
  age_65_plus: number;
  age_80_plus: number;
  children_0_3: number;
  children_3_6: number;
  elderly_living_alone: number;
  disabled_elderly: number;
  disabled_elderly_by_level: Record<string, number>;
  low_income_households: number;
}

export type PopulationOf = 'community' | 'grid' | 'building';

export function fetchCommunities(): Promise<{ communities: Community[] }> {
  return request('/communities');
}

export function fetchBuildings(community?: number): Promise<{ buildings: Building[] }> {
  return request('/buildings', { query: { community } });
}

/** The grids in the caller's scope, of one community when given (a grid worker: their own). */
export function fetchGrids(community?: number, notify = true): Promise<{ grids: Grid[] }> {
  return request('/grids', { query: { community }, notify });
}

/** The open households of a building. */
export function fetchHouseholds(building: number): Promise<{ households: HouseholdSummary[] }> {
  return request('/households', { query: { building } });
}

/** Errors are left to the caller, which maps them onto the form. */
export function createBuilding(building: NewBuilding): Promise<Building> {
  return request('/buildings', { method: 'POST', body: building, notify: false });
}

export function createHousehold(household: NewHousehold): Promise<Household> {
  return request('/households', { method: 'POST', body: household, notify: false });
}

export function fetchResidents(query: { community?: number; q?: string; page: number }): Promise<ResidentPage> {
  return request('/residents', { query: { community: query.community, q: query.q || undefined, page: query.page } });
}

export function fetchResident(id: number): Promise<Resident> {
  return request(`/residents/${id}`);
}

export function createResident(resident: NewResident): Promise<Resident> {
  return request('/residents', { method: 'POST', body: resident, notify: false });
}

/** The full value, audited by the server. Errors are left to the caller (403 is said on the page). */
export function revealResident(id: number, field: 'id_number' | 'phone'): Promise<{ field: string; value: string }> {
  return request(`/residents/${id}/reveal`, { method: 'POST', body: { field }, notify: false });
}

export function moveOut(id: number): Promise<Resident> {
  return request(`/residents/${id}/move-out`, { method: 'POST', body: {} });
}

const POPULATION_PATHS: Record<PopulationOf, string> = {
  community: 'communities',
  grid: 'grids',
  building: 'buildings',
};

export function fetchPopulation(of: PopulationOf, id: number): Promise<Population> {
  return request(`/${POPULATION_PATHS[of]}/${id}/population`);
}

export function fetchBuildingFeatures(community?: number): Promise<BuildingFeatureCollection> {
  return request('/buildings.geojson', { query: { community } });
}

/** Errors are left to the caller, which maps them onto the form. */
export function updateBuilding(id: number, changes: BuildingChanges): Promise<Building> {
  return request(`/buildings/${id}`, { method: 'PATCH', body: changes, notify: false });
}

export function updateHousehold(id: number, changes: HouseholdChanges): Promise<Household> {
  return request(`/households/${id}`, { method: 'PATCH', body: changes, notify: false });
}

export function updateResident(id: number, changes: ResidentChanges): Promise<Resident> {
  return request(`/residents/${id}`, { method: 'PATCH', body: changes, notify: false });
}

/** The residents living in one household now (GET /residents?household=). */
export function fetchHouseholdResidents(household: number): Promise<ResidentPage> {
  return request('/residents', { query: { household, page: 1 } });
}

/** A 404 says why (code resident_account_not_linked or no_current_household): the page tells it. */
export function fetchMyHousehold(): Promise<MyHousehold> {
  return request('/my/household', { notify: false });
}

export function createResidentAccount(resident: number, account: NewResidentAccount): Promise<unknown> {
  return request(`/residents/${resident}/account`, { method: 'POST', body: account, notify: false });
}
