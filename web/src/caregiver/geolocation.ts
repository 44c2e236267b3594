// Where the caregiver is, from the browser (navigator.geolocation), as a promise. Check-in and
// check-out record it; the server compares it with the home.
import type { Position } from './api';

export type LocateFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class LocateError extends Error {
  constructor(readonly reason: LocateFailure) {
    super(`geolocation failed: ${reason}`);
  }
}

/** One fresh fix, high accuracy, within `timeoutMs`. */
export function currentPosition(timeoutMs = 20_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
    if (!geo) {
      reject(new LocateError('unsupported'));
      return;
    }
    geo.getCurrentPosition(
      (fix) => resolve({ lat: fix.coords.latitude, lon: fix.coords.longitude }),
      (error) =>
        reject(
          new LocateError(
            error.code === error.PERMISSION_DENIED
              ? 'denied'
              : error.code === error.TIMEOUT
                ? 'timeout'
                : 'unavailable',
          ),
        ),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}
