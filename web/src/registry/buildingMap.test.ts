import { describe, expect, it } from 'vitest';

import { offlineStyle } from '@/common/offlineMap';

import type { BuildingFeature, BuildingFeatureCollection, GeoJsonGeometry } from './api';
import {
  NO_DATA_COLOUR,
  PALETTE,
  colourClasses,
  colourOf,
  featureBounds,
  fillColourExpression,
  geometryCentre,
} from './buildingMap';

function feature(geometry: GeoJsonGeometry | null, residents = 0): BuildingFeature {
  return {
    type: 'Feature',
    geometry,
    properties: { id: 1, number: '1', address: '', floors: null, has_elevator: false, households: 0, residents },
  };
}

const square = (x: number, y: number, size: number): GeoJsonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe('featureBounds', () => {
  it('spans every polygon and point, skipping features without a geometry', () => {
    const collection: BuildingFeatureCollection = {
      type: 'FeatureCollection',
      features: [
        feature(square(7.41, 43.73, 0.001)),
        feature(null),
        feature({ type: 'Point', coordinates: [7.43, 43.75] }),
      ],
    };
    expect(featureBounds(collection)).toEqual([
      [7.41, 43.73],
      [7.43, 43.75],
    ]);
  });

  it('is undefined when no feature has a place', () => {
    expect(featureBounds({ type: 'FeatureCollection', features: [feature(null)] })).toBeUndefined();
    expect(featureBounds({ type: 'FeatureCollection', features: [] })).toBeUndefined();
  });
});

describe('geometryCentre', () => {
  it('is the area centroid of a polygon', () => {
    const [x, y] = geometryCentre(square(2, 4, 2));
    expect(x).toBeCloseTo(3);
    expect(y).toBeCloseTo(5);
  });

  it('weights by area, not by vertices (an L-shape)', () => {
    // A 2×2 square with a 2×1 bar to its right: many vertices on the bar would pull a mean there.
    const l: GeoJsonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 1],
          [2, 1],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [x, y] = geometryCentre(l);
    // Areas 4 (centre 1,1) and 2 (centre 3,0.5): (4·1 + 2·3)/6 = 5/3, (4·1 + 2·0.5)/6 = 5/6.
    expect(x).toBeCloseTo(5 / 3);
    expect(y).toBeCloseTo(5 / 6);
  });

  it('takes the largest part of a MultiPolygon, and a point as it is', () => {
    const multi: GeoJsonGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 1).coordinates as number[][][], square(10, 10, 4).coordinates as number[][][]],
    };
    const [x, y] = geometryCentre(multi);
    expect(x).toBeCloseTo(12);
    expect(y).toBeCloseTo(12);
    expect(geometryCentre({ type: 'Point', coordinates: [7.4, 43.7] })).toEqual([7.4, 43.7]);
  });
});

describe('colourClasses', () => {
  it('is one class when every value is 0', () => {
    expect(colourClasses([0, 0])).toEqual([{ from: 0, colour: PALETTE[0] }]);
    expect(colourClasses([])).toEqual([{ from: 0, colour: PALETTE[0] }]);
  });

  it('gives each small count its own class, lightest to darkest', () => {
    const classes = colourClasses([0, 3, 1]);
    expect(classes.map((c) => [c.from, c.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(classes[0]!.colour).toBe(PALETTE[0]);
    expect(classes.at(-1)!.colour).toBe(PALETTE[PALETTE.length - 1]);
  });

  it('splits a wide range into five classes of equal width that end at the maximum', () => {
    const classes = colourClasses([5, 100, 37, Number.NaN, -1]);
    expect(classes.map((c) => [c.from, c.to])).toEqual([
      [0, 20],
      [21, 41],
      [42, 62],
      [63, 83],
      [84, 100],
    ]);
    expect(classes.map((c) => c.colour)).toEqual([...PALETTE]);
  });
});

describe('colourOf and fillColourExpression', () => {
  const classes = colourClasses([0, 100]);

  it('puts a value in its class, and a missing one in grey', () => {
    expect(colourOf(0, classes)).toBe(PALETTE[0]);
    expect(colourOf(21, classes)).toBe(PALETTE[1]);
    expect(colourOf(20, classes)).toBe(PALETTE[0]);
    expect(colourOf(100, classes)).toBe(PALETTE[4]);
    expect(colourOf(null, classes)).toBe(NO_DATA_COLOUR);
  });

  it('steps at each class start, grey for null', () => {
    expect(fillColourExpression('floors', classes)).toEqual([
      'case',
      ['==', ['get', 'floors'], null],
      NO_DATA_COLOUR,
      ['step', ['to-number', ['get', 'floors'], 0], PALETTE[0], 21, PALETTE[1], 42, PALETTE[2], 63, PALETTE[3], 84, PALETTE[4]],
    ]);
  });
});

describe('offlineStyle', () => {
  it('reaches for nothing outside: no sources, glyphs, sprite or URLs', () => {
    const style = offlineStyle('#f4f1ea');
    expect(style.sources).toEqual({});
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
    expect(style.layers).toEqual([{ id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } }]);
  });
});
