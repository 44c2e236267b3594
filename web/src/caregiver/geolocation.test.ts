import { afterEach, describe, expect, it, vi } from 'vitest';

import { currentPosition, LocateError } from './geolocation';

const CODES = { PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 };

function stubGeolocation(answer: (ok: PositionCallback, fail: PositionErrorCallback, options?: PositionOptions) => void) {
  vi.stubGlobal('navigator', { geolocation: { getCurrentPosition: vi.fn(answer) } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('currentPosition', () => {
  it('answers latitude and longitude, asking for a fresh, accurate fix', async () => {
    let asked: PositionOptions | undefined;
    stubGeolocation((ok, _fail, options) => {
      asked = options;
      ok({ coords: { latitude: 43.7384, longitude: 7.4246 } } as GeolocationPosition);
    });
    await expect(currentPosition(5000)).resolves.toEqual({ lat: 43.7384, lon: 7.4246 });
    expect(asked).toEqual({ enableHighAccuracy: true, timeout: 5000, maximumAge: 0 });
  });

  it.each([
    [CODES.PERMISSION_DENIED, 'denied'],
    [CODES.POSITION_UNAVAILABLE, 'unavailable'],
    [CODES.TIMEOUT, 'timeout'],
  ])('turns error code %i into "%s"', async (code, reason) => {
    stubGeolocation((_ok, fail) => fail({ code, ...CODES, message: '' } as GeolocationPositionError));
    await expect(currentPosition()).rejects.toEqual(new LocateError(reason as LocateError['reason']));
    await expect(currentPosition()).rejects.toMatchObject({ reason });
  });

  it('says so when the browser cannot locate at all', async () => {
    vi.stubGlobal('navigator', {});
    await expect(currentPosition()).rejects.toMatchObject({ reason: 'unsupported' });
  });
});
