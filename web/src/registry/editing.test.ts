import { describe, expect, it } from 'vitest';

import { changedFields, checkCoordinates, parseFootprint } from './editing';
import { residentTagsBody, sameTags } from './residentTags';

describe('changedFields', () => {
  it('keeps only what differs, nulls and arrays included', () => {
    expect(
      changedFields(
        { number: '1号楼', floors: 6 as number | null, footprint: [[1, 2]] as unknown, units: 2 },
        { number: '1号楼', floors: null, footprint: [[1, 3]], units: 2 },
      ),
    ).toEqual({ floors: null, footprint: [[1, 3]] });
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({});
  });
});

describe('checkCoordinates', () => {
  it('wants both or neither, each in range', () => {
    expect(checkCoordinates(undefined, undefined)).toBeUndefined();
    expect(checkCoordinates(43.73, 7.42)).toBeUndefined();
    expect(checkCoordinates(43.73, undefined)).toEqual({ field: 'latitude', key: 'bothOrNeither' });
    expect(checkCoordinates(91, 7)).toEqual({ field: 'latitude', key: 'latitudeRange' });
    expect(checkCoordinates(43, -180.5)).toEqual({ field: 'longitude', key: 'longitudeRange' });
  });
});

describe('parseFootprint', () => {
  const ring = [
    [7.41, 43.73],
    [7.42, 43.73],
    [7.42, 43.74],
    [7.41, 43.73],
  ];

  it('reads empty as none, and a Polygon, a MultiPolygon or a Feature holding one', () => {
    expect(parseFootprint('  ')).toEqual({ ok: true, value: null });
    expect(parseFootprint(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual({
      ok: true,
      value: { type: 'Polygon', coordinates: [ring] },
    });
    expect(parseFootprint(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring]] })).ok).toBe(true);
    expect(
      parseFootprint(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } })),
    ).toEqual({ ok: true, value: { type: 'Polygon', coordinates: [ring] } });
  });

  it('refuses what is not a closed ring of positions in range', () => {
    expect(parseFootprint('{')).toEqual({ ok: false, reason: 'notJson' });
    expect(parseFootprint('{"type":"Point","coordinates":[7,43]}')).toEqual({ ok: false, reason: 'wrongType' });
    expect(parseFootprint('{"type":"Polygon","coordinates":[]}')).toEqual({ ok: false, reason: 'noRing' });
    expect(parseFootprint(JSON.stringify({ type: 'Polygon', coordinates: [ring.slice(0, 3)] }))).toEqual({
      ok: false,
      reason: 'ringTooShort',
    });
    expect(parseFootprint(JSON.stringify({ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [7.5, 43.8]]] }))).toEqual(
      { ok: false, reason: 'notClosed' },
    );
    // A longitude past 180.
    const swapped = ring.map(([lon, lat]) => [lon! + 180, lat!]);
    expect(parseFootprint(JSON.stringify({ type: 'Polygon', coordinates: [swapped] }))).toEqual({
      ok: false,
      reason: 'badPosition',
    });
  });
});

describe('resident tags', () => {
  it('sends each tag once, the level only on disabled', () => {
    expect(residentTagsBody(['living_alone', 'disabled', 'living_alone'], 2)).toEqual([
      { tag: 'living_alone' },
      { tag: 'disabled', disability_level: 2 },
    ]);
    expect(residentTagsBody(['disabled'], undefined)).toEqual([{ tag: 'disabled' }]);
    expect(residentTagsBody(['veteran'], 3)).toEqual([{ tag: 'veteran' }]);
  });

  it('compares with the server’s tags regardless of order, the level included', () => {
    const current = [
      { tag: 'disabled', disability_level: 2 },
      { tag: 'veteran', disability_level: null },
    ];
    expect(sameTags([{ tag: 'veteran' }, { tag: 'disabled', disability_level: 2 }], current)).toBe(true);
    expect(sameTags([{ tag: 'veteran' }, { tag: 'disabled', disability_level: 3 }], current)).toBe(false);
    expect(sameTags([{ tag: 'veteran' }], current)).toBe(false);
  });
});
