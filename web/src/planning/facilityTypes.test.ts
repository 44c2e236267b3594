import { describe, expect, it } from 'vitest';

import type { PlanningStatus } from './api';
import { DEFAULT_FACILITY_TYPE, facilityTypeOptions } from './facilityTypes';

const status: PlanningStatus = {
  import: { id: 1, source_name: 'monaco-2016.osm.pbf', imported_at: '2026-11-30T09:00:00Z', nodes: 23948, edges: 25118 },
  facility_types: [
    { type: 'elderly_service_station', name_zh: '老年服务站', name_en: 'Elderly service station', count: 0 },
    { type: 'convenience_store', name_zh: '便利店', name_en: 'Convenience store', count: 8 },
    { type: 'nursing_home', name_zh: '养老院', name_en: 'Nursing home', count: 3 },
  ],
  checklist: [
    { item: 'cc04_elderly_service', facility_type: 'elderly_service_station', max_distance_m: 300, name_zh: '老年服务站', name_en: 'Elderly service station', needs_worker_input: false },
    { item: 'cc08a_convenience_store', facility_type: 'convenience_store', max_distance_m: 500, name_zh: '便利店', name_en: 'Convenience store', needs_worker_input: false },
    { item: 'cc09_utilities', facility_type: null, max_distance_m: null, name_zh: '水、电、路', name_en: 'Utilities', needs_worker_input: true },
    { item: 'cc99_shop_again', facility_type: 'convenience_store', max_distance_m: 300, name_zh: '便利店（近）', name_en: 'Near shop', needs_worker_input: false },
  ],
  walking_speed_m_per_min: 60,
};

describe('facilityTypeOptions', () => {
  it('has one option per measured type, the smallest distance, the import count, then the other types', () => {
    expect(facilityTypeOptions(status, 'zh-CN')).toEqual([
      { type: 'elderly_service_station', name: '老年服务站', maxDistance: 300, count: 0 },
      { type: 'convenience_store', name: '便利店', maxDistance: 300, count: 8 },
      { type: 'nursing_home', name: '养老院', maxDistance: null, count: 3 },
    ]);
    expect(facilityTypeOptions(status, 'en')[0]!.name).toBe('Elderly service station');
    expect(facilityTypeOptions(undefined, 'en')).toEqual([]);
  });

  it('starts on the elderly service station of the mapping table', () => {
    expect(DEFAULT_FACILITY_TYPE).toBe('elderly_service_station');
    expect(facilityTypeOptions(status, 'zh-CN').some((o) => o.type === DEFAULT_FACILITY_TYPE)).toBe(true);
  });
});
