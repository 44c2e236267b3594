// The facility types the planner can colour the map by: those the complete-community checklist
// measures (GET /planning/status: `checklist`), named as the checklist names them, with the count
// of facilities of the type in the current import (`facility_types`).
import type { PlanningStatus } from './api';
import { localName, type Language } from './scorecard';

/**
 * The type shown first: 社区养老服务站, called `elderly_service_station` in the mapping table
 * (src/planning/data/facility_mapping.tsv) — the item the planning work of the street starts from.
 */
export const DEFAULT_FACILITY_TYPE = 'elderly_service_station';

export interface FacilityTypeOption {
  type: string;
  name: string;
  /** The strictest walking distance the checklist asks of the type, in metres. */
  maxDistance: number | null;
  count: number;
}

/**
 * One option per facility type the checklist measures, in checklist order; a type measured by
 * several items takes the smallest distance. Types the status lists but the checklist does not
 * measure follow, without a distance.
 */
export function facilityTypeOptions(status: PlanningStatus | undefined, language: Language): FacilityTypeOption[] {
  if (!status) return [];
  const counts = new Map(status.facility_types.map((f) => [f.type, f]));
  const options = new Map<string, FacilityTypeOption>();
  for (const entry of status.checklist) {
    if (entry.needs_worker_input || !entry.facility_type) continue;
    const known = options.get(entry.facility_type);
    if (known) {
      if (entry.max_distance_m !== null && (known.maxDistance === null || entry.max_distance_m < known.maxDistance)) {
        known.maxDistance = entry.max_distance_m;
      }
      continue;
    }
    options.set(entry.facility_type, {
      type: entry.facility_type,
      name: localName(entry, language),
      maxDistance: entry.max_distance_m,
      count: counts.get(entry.facility_type)?.count ?? 0,
    });
  }
  for (const info of status.facility_types) {
    if (options.has(info.type)) continue;
    options.set(info.type, { type: info.type, name: localName(info, language), maxDistance: null, count: info.count });
  }
  return [...options.values()];
}
