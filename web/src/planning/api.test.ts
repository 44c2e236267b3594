import { afterEach, describe, expect, it, vi } from 'vitest';

import { isochronePath, layerPath, postWhatIf } from './api';

describe('isochronePath', () => {
  it('asks for 5, 10 and 15 minutes by default, coordinates to 6 decimals', () => {
    expect(isochronePath(43.7384123456, 7.42461234)).toBe(
      '/planning/isochrone?lat=43.738412&lon=7.424612&minutes=5,10,15',
    );
  });

  it('takes other minutes, one or several', () => {
    expect(isochronePath(43.7, 7.4, [10])).toBe('/planning/isochrone?lat=43.700000&lon=7.400000&minutes=10');
    expect(isochronePath(-1.5, 100, [3, 7])).toBe('/planning/isochrone?lat=-1.500000&lon=100.000000&minutes=3,7');
  });
});

describe('layerPath', () => {
  it('names the layer and the community', () => {
    expect(layerPath('buildings', 3)).toBe('/planning/layers/buildings.geojson?community=3');
    expect(layerPath('network', '12')).toBe('/planning/layers/network.geojson?community=12');
  });
});

describe('postWhatIf', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the community as a number and the added facilities', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ before: { communities: [] }, after: {}, changes: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const add = [{ facility_type: 'elderly_service_station', lat: 43.73, lon: 7.42, name: 'x' }];
    await postWhatIf('4', add);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/planning/what-if');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ community: 4, add });
  });
});
