// The maps of shequ load nothing from outside the server (no tiles, fonts or sprites: the
// machines it runs on often reach no outside network, and residents' places stay private). One
// way to make such a map, shared by the buildings map and the planning map.
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * A MapLibre style that loads nothing from outside: one background layer (no tiles, glyphs or
 * sprite); the component adds its own sources and layers.
 */
export function offlineStyle(background: string): {
  version: 8;
  sources: Record<string, never>;
  layers: { id: string; type: 'background'; paint: { 'background-color': string } }[];
} {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': background } }],
  };
}

/**
 * A map in `container` on the offline style with zoom buttons and the given attribution (the
 * OpenStreetMap credit). MapLibre is loaded on first use; its worker is a file of its own, which
 * Vite copies and MapLibre is told about. Resolves to null when the browser has no WebGL.
 */
export async function createOfflineMap(
  container: HTMLElement,
  attribution: string,
): Promise<{ map: MapLibreMap; maplibre: typeof import('maplibre-gl') } | null> {
  const maplibre = await import('maplibre-gl');
  const worker = (await import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')).default;
  maplibre.setWorkerUrl(worker);
  let map: MapLibreMap;
  try {
    map = new maplibre.Map({
      container,
      style: offlineStyle('#f4f1ea') as never,
      center: [0, 0],
      zoom: 1,
      attributionControl: { compact: false, customAttribution: attribution },
      maplibreLogo: false,
    });
  } catch {
    return null;
  }
  map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
  return { map, maplibre };
}
