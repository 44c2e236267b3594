import { describe, expect, it } from 'vitest';

import type { BuildingProperties, Feature, FeatureCollection } from './api';
import {
  STEP_COLOURS,
  UNREACHABLE_COLOUR,
  boundsOf,
  colourForDistance,
  countByStep,
  distanceColourExpression,
  distanceSteps,
  distanceValue,
  stepIndex,
  walkMinutes,
  withDistancesFrom,
} from './planningMap';

const [GREEN, YELLOW, ORANGE, RED] = STEP_COLOURS;

function building(id: string, distance: number | null | undefined, residents = 10): Feature<BuildingProperties> {
  const properties: BuildingProperties = { id, residents, residents_60_plus: 2, community_id: '1', on_network: true };
  if (distance !== undefined) properties.elderly_service_station = distance;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [7.42, 43.73] },
    properties,
  };
}

function collection(...features: Feature<BuildingProperties>[]): FeatureCollection<BuildingProperties> {
  return { type: 'FeatureCollection', features };
}

describe('distanceSteps', () => {
  it('keys the steps to the item distance and the next two living circles', () => {
    expect(distanceSteps(300).map((s) => s.upTo)).toEqual([300, 500, 1000, undefined]);
    expect(distanceSteps(500).map((s) => s.upTo)).toEqual([500, 1000, 1500, undefined]);
    // A distance between the circles keeps its own value as the first step.
    expect(distanceSteps(800).map((s) => s.upTo)).toEqual([800, 1000, 1500, undefined]);
    expect(distanceSteps(300).map((s) => s.colour)).toEqual([GREEN, YELLOW, ORANGE, RED]);
  });

  it('falls back to the 5-minute circle without a distance, and doubles past the ladder', () => {
    expect(distanceSteps(null).map((s) => s.upTo)).toEqual([300, 500, 1000, undefined]);
    expect(distanceSteps(0).map((s) => s.upTo)).toEqual([300, 500, 1000, undefined]);
    expect(distanceSteps(5000).map((s) => s.upTo)).toEqual([5000, 10000, 20000, undefined]);
  });
});

describe('colourForDistance', () => {
  const steps = distanceSteps(300);

  it('is green up to and including the item distance', () => {
    expect(colourForDistance(0, steps)).toBe(GREEN);
    expect(colourForDistance(300, steps)).toBe(GREEN);
    expect(colourForDistance(300.1, steps)).toBe(YELLOW);
  });

  it('is yellow to 500, orange to 1000, red beyond', () => {
    expect(colourForDistance(500, steps)).toBe(YELLOW);
    expect(colourForDistance(501, steps)).toBe(ORANGE);
    expect(colourForDistance(1000, steps)).toBe(ORANGE);
    expect(colourForDistance(1000.1, steps)).toBe(RED);
    expect(colourForDistance(8214, steps)).toBe(RED);
  });

  it('is red when no facility is reachable', () => {
    expect(colourForDistance(null, steps)).toBe(UNREACHABLE_COLOUR);
    expect(colourForDistance(undefined, steps)).toBe(RED);
    expect(colourForDistance(Number.NaN, steps)).toBe(RED);
    expect(stepIndex(null, steps)).toBe(3);
  });
});

describe('distanceValue', () => {
  it('reads numbers and numeric text, nothing else', () => {
    expect(distanceValue(12.5)).toBe(12.5);
    expect(distanceValue('40')).toBe(40);
    expect(distanceValue(null)).toBeNull();
    expect(distanceValue(undefined)).toBeNull();
    expect(distanceValue('')).toBeNull();
    expect(distanceValue('far')).toBeNull();
  });
});

describe('distanceColourExpression', () => {
  it('is red for a missing or null property, then ≤ tests in order', () => {
    const value = ['to-number', ['get', 'pharmacy'], 0];
    expect(distanceColourExpression('pharmacy', distanceSteps(500))).toEqual([
      'case',
      ['any', ['!', ['has', 'pharmacy']], ['==', ['get', 'pharmacy'], null]],
      RED,
      ['<=', value, 500],
      GREEN,
      ['<=', value, 1000],
      YELLOW,
      ['<=', value, 1500],
      ORANGE,
      RED,
    ]);
  });
});

describe('countByStep', () => {
  it('counts buildings and residents per step, unreachable in the last', () => {
    const buildings = collection(
      building('1', 120, 30),
      building('2', 300, 5),
      building('3', 450, 7),
      building('4', 999, 1),
      building('5', null, 40),
      building('6', undefined, 2),
      { ...building('7', 10, 1000), geometry: null },
    );
    expect(countByStep(buildings, 'elderly_service_station', distanceSteps(300))).toEqual([
      { buildings: 2, residents: 35 },
      { buildings: 1, residents: 7 },
      { buildings: 1, residents: 1 },
      { buildings: 2, residents: 42 },
    ]);
  });
});

describe('withDistancesFrom', () => {
  it('takes the distances of the what-if assessment, keeps the rest, changes nothing in place', () => {
    const before = collection(building('1', null), building('2', 700), building('3', 200));
    const after = withDistancesFrom(
      before,
      {
        buildings: [
          { id: '1', lat: 0, lon: 0, community_id: '1', residents: 1, residents_60_plus: 0, on_network: true, nearest: { elderly_service_station: { distance_m: 180.4, facility_id: 'what-if/1' } } },
          { id: '2', lat: 0, lon: 0, community_id: '1', residents: 1, residents_60_plus: 0, on_network: true, nearest: { elderly_service_station: null } },
        ],
      },
      'elderly_service_station',
    );
    expect(after.features.map((f) => f.properties.elderly_service_station)).toEqual([180.4, null, 200]);
    expect(before.features.map((f) => f.properties.elderly_service_station)).toEqual([null, 700, 200]);
    expect(after.features[2]).toBe(before.features[2]);
  });
});

describe('boundsOf', () => {
  it('spans points, lines and polygons of several collections', () => {
    const lines: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[7.40, 43.72], [7.43, 43.75]] }, properties: {} },
        { type: 'Feature', geometry: null, properties: {} },
      ],
    };
    const polygons: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[7.41, 43.70], [7.45, 43.71], [7.41, 43.71], [7.41, 43.70]]] }, properties: {} },
      ],
    };
    expect(boundsOf(lines, polygons)).toEqual([
      [7.4, 43.7],
      [7.45, 43.75],
    ]);
    expect(boundsOf({ type: 'FeatureCollection', features: [] })).toBeUndefined();
  });
});

describe('walkMinutes', () => {
  it('rounds up at the checklist speed', () => {
    expect(walkMinutes(300, 60)).toBe(5);
    expect(walkMinutes(301, 60)).toBe(6);
    expect(walkMinutes(300, 0)).toBe(0);
  });
});
