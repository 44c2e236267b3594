import { describe, expect, it } from 'vitest';

import type { AssessedCommunity, AssessedItem, Change, Gap } from './api';
import {
  changesByItem,
  communityOf,
  diffCommunities,
  localName,
  scorecardRow,
  scorecardRows,
  toPercent,
  topGaps,
} from './scorecard';

// Items shaped as `shequ assess --format json` writes them (Fontvieille on the Monaco demo).
const supermarket: AssessedItem = {
  evidence: {
    buildings_off_network: 1,
    buildings_outside: 32,
    facilities_of_type: 11,
    median_nearest: { distance_m: 459.2, facility_id: 'node/274497719' },
    residents_outside: 106,
    residents_outside_60_plus: 19,
  },
  facility_type: 'supermarket',
  item: 'cc06_supermarket',
  max_distance_m: 500,
  max_walk_minutes: 8.3,
  name_en: 'Supermarket',
  name_zh: '综合超市',
  needs_worker_input: false,
  pass: false,
  required_share: 0.9,
  residents_covered: 134,
  share: 0.5583333333333333,
  source: 'x',
  source_status: 'sourced',
};
const elderly: AssessedItem = {
  ...supermarket,
  evidence: { ...supermarket.evidence!, median_nearest: null, facilities_of_type: 0, residents_outside: 240, residents_outside_60_plus: 43, buildings_off_network: 0 },
  facility_type: 'elderly_service_station',
  item: 'cc04_elderly_service',
  max_distance_m: 300,
  max_walk_minutes: 5,
  name_en: 'Elderly service station',
  name_zh: '老年服务站',
  residents_covered: 0,
  share: 0,
};
const utilities: AssessedItem = {
  evidence: null,
  facility_type: null,
  item: 'cc09_utilities',
  max_distance_m: null,
  name_en: 'Water, power, roads, gas, heating, telecom',
  name_zh: '水、电、路、气、热、信',
  needs_worker_input: true,
  pass: null,
  residents_covered: null,
  share: null,
};
const park: AssessedItem = {
  ...supermarket,
  facility_type: 'park',
  item: 'cc15_park',
  name_en: 'Park',
  name_zh: '公园',
  pass: true,
  share: 0.995,
  residents_covered: 239,
};
const fontvieille: AssessedCommunity = {
  id: '1',
  name: 'Fontvieille',
  residents: 240,
  residents_source: 'registry',
  items: [elderly, supermarket, utilities, park],
};

describe('toPercent', () => {
  it('rounds to whole percentages and keeps null', () => {
    expect(toPercent(0.5583333333333333)).toBe(56);
    expect(toPercent(0.995)).toBe(100);
    expect(toPercent(0.004)).toBe(0);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(null)).toBeNull();
    expect(toPercent(undefined)).toBeNull();
  });
});

describe('scorecardRow', () => {
  it('carries the item, its distance, share, pass and evidence', () => {
    expect(scorecardRow(supermarket, 'zh-CN')).toEqual({
      item: 'cc06_supermarket',
      facilityType: 'supermarket',
      name: '综合超市',
      maxDistance: 500,
      maxMinutes: 8.3,
      needsWorkerInput: false,
      share: 0.5583333333333333,
      percent: 56,
      requiredPercent: 90,
      pass: false,
      residentsCovered: 134,
      residentsOutside: 106,
      residentsOutside60: 19,
      facilitiesOfType: 11,
      medianNearest: { distance_m: 459.2, facility_id: 'node/274497719' },
      buildingsOffNetwork: 1,
      workerAnswer: null,
    });
  });

  it('has no figures for a worker-input item', () => {
    const row = scorecardRow(utilities, 'en');
    expect(row.name).toBe('Water, power, roads, gas, heating, telecom');
    expect(row.needsWorkerInput).toBe(true);
    expect([row.share, row.percent, row.pass, row.residentsOutside, row.facilitiesOfType]).toEqual([null, null, null, null, null]);
    expect(row.workerAnswer).toBeNull();
  });

  it('carries a worker\'s answer and the pass it gives', () => {
    const answer = { answer: 'no' as const, note: '无物业', answered_by: 'worker', answered_at: '2026-11-30T10:00:00+08:00' };
    const row = scorecardRow({ ...utilities, pass: false, worker_answer: answer }, 'zh-CN');
    expect(row.workerAnswer).toEqual(answer);
    expect(row.pass).toBe(false);
  });
});

describe('scorecardRows', () => {
  it('lists measured items in checklist order, worker-input items last', () => {
    expect(scorecardRows(fontvieille, 'en').map((r) => r.item)).toEqual([
      'cc04_elderly_service',
      'cc06_supermarket',
      'cc15_park',
      'cc09_utilities',
    ]);
    expect(scorecardRows(fontvieille, 'en').map((r) => r.percent)).toEqual([0, 56, 100, null]);
    expect(scorecardRows(undefined, 'en')).toEqual([]);
  });
});

describe('communityOf', () => {
  it('finds the community whether the ids are numbers or text', () => {
    expect(communityOf({ communities: [fontvieille] }, 1)).toBe(fontvieille);
    expect(communityOf({ communities: [fontvieille] }, '1')).toBe(fontvieille);
    expect(communityOf({ communities: [fontvieille] }, 2)).toBeUndefined();
    expect(communityOf(undefined, 1)).toBeUndefined();
  });
});

describe('localName', () => {
  it('follows the language and falls back to the other name', () => {
    expect(localName({ name_zh: '公园', name_en: 'Park' }, 'zh-CN')).toBe('公园');
    expect(localName({ name_zh: '公园', name_en: 'Park' }, 'en')).toBe('Park');
    expect(localName({ name_zh: '公园', name_en: '' }, 'en')).toBe('公园');
  });
});

describe('topGaps', () => {
  const gap = (community: string, item: string, outside: number, old: number, pass: boolean | null = false): Gap => ({
    community_id: community,
    item,
    facility_type: item,
    max_distance_m: 300,
    residents_outside: outside,
    residents_outside_60_plus: old,
    pass,
    message_zh: `${item} 中文`,
    message_en: `${item} en`,
  });
  const gaps = [
    gap('1', 'a', 100, 5),
    gap('1', 'b', 240, 43),
    gap('2', 'c', 999, 99),
    gap('1', 'd', 100, 20),
    gap('1', 'e', 500, 50, true),
    gap('1', 'f', 3, 0),
  ];

  it('keeps the community, drops passing items, most residents outside first, 60+ breaking ties', () => {
    expect(topGaps(gaps, 1, 'zh-CN').map((g) => g.text)).toEqual(['b 中文', 'd 中文', 'a 中文', 'f 中文']);
    expect(topGaps(gaps, '1', 'en', 2).map((g) => g.text)).toEqual(['b en', 'd en']);
  });
});

describe('changesByItem', () => {
  const change = (item: string, before: number | null, after: number | null, cb: number | null, ca: number | null, community = '1'): Change => ({
    community_id: community,
    item,
    facility_type: item,
    share_before: before,
    share_after: after,
    residents_covered_before: cb,
    residents_covered_after: ca,
  });

  it('gives whole percentages before and after, the difference and the direction', () => {
    const changes = changesByItem(
      [
        change('cc04_elderly_service', 0.42, 0.6667, 101, 160),
        change('cc06_supermarket', 0.5, 0.5, 120, 120),
        change('cc15_park', 0.8, 0.7, 192, 168),
        change('cc07_parcel_point', 0.2, 0.9, 48, 216, '2'),
      ],
      1,
    );
    expect([...changes.keys()]).toEqual(['cc04_elderly_service', 'cc06_supermarket', 'cc15_park']);
    expect(changes.get('cc04_elderly_service')).toMatchObject({ percentBefore: 42, percentAfter: 67, delta: 25, direction: 'up' });
    expect(changes.get('cc06_supermarket')).toMatchObject({ delta: 0, direction: 'same' });
    expect(changes.get('cc15_park')).toMatchObject({ percentBefore: 80, percentAfter: 70, delta: -10, direction: 'down' });
  });

  it('goes by the residents when the rounded share does not move', () => {
    const changes = changesByItem([change('x', 0.5, 0.502, 500, 502)], undefined);
    expect(changes.get('x')).toMatchObject({ percentBefore: 50, percentAfter: 50, delta: 0, direction: 'up' });
  });
});

describe('diffCommunities', () => {
  it('lists every measured item with its share before and after', () => {
    const after: AssessedCommunity = {
      ...fontvieille,
      items: [{ ...elderly, share: 0.75, residents_covered: 180 }, supermarket, utilities, park],
    };
    expect(diffCommunities(fontvieille, after)).toEqual([
      { community_id: '1', item: 'cc04_elderly_service', facility_type: 'elderly_service_station', share_before: 0, share_after: 0.75, residents_covered_before: 0, residents_covered_after: 180 },
      { community_id: '1', item: 'cc06_supermarket', facility_type: 'supermarket', share_before: 0.5583333333333333, share_after: 0.5583333333333333, residents_covered_before: 134, residents_covered_after: 134 },
      { community_id: '1', item: 'cc15_park', facility_type: 'park', share_before: 0.995, share_after: 0.995, residents_covered_before: 239, residents_covered_after: 239 },
    ]);
    expect(diffCommunities(undefined, after)).toEqual([]);
  });
});
