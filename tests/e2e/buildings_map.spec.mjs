// The buildings map: the worker opens 楼栋管理 → 地图, the map draws the community's footprints
// (MapLibre in SwiftShader WebGL, nothing fetched from outside), a click on the centre of a known
// footprint shows that building's figures, and 查看住户 lists its households.
//
// The building clicked is the largest footprint of the community whose centroid lies inside it
// and is not under the legend or a control (from GET /buildings.geojson); when the demo has none
// placed, the test places one of its own.
// Where the centre is on screen comes from the map's own projection (the canvas element's
// `shequProject`, set by BuildingsMap.vue); the click itself is a real mouse click.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, idNumberFor, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 150_000 };

/** Area centroid and area (in degrees², planar) of a ring. */
function ringCentroid(ring) {
  let twice = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    twice += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { centre: [cx / (3 * twice), cy / (3 * twice)], area: Math.abs(twice / 2) };
}

/** Even-odd rule: whether `point` lies inside `ring`. */
function inside([x, y], ring) {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** The features worth clicking, largest first: polygons whose centroid lies inside them. */
function clickTargets(collection) {
  const targets = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    const polygons =
      geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
    for (const polygon of polygons) {
      const ring = polygon[0];
      if (!ring || ring.length < 4) continue;
      const { centre, area } = ringCentroid(ring);
      if (inside(centre, ring)) targets.push({ feature, centre, area });
    }
  }
  return targets.sort((a, b) => b.area - a.area);
}

describe('buildings map', () => {
  let server;
  let browser;

  before(
    async () => {
      server = await startShequ();
      browser = await launchChromium();
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('worker sees the footprints, clicks a building and opens its households', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      const outside = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) {
          outside.push(request.url());
        }
      });
      await signIn(page, server, 'worker');
      const community = await firstCommunity(page, server);
      let features = await api(page, server, 'GET', `/buildings.geojson?community=${community.id}`);
      assert.equal(features.type, 'FeatureCollection');

      if (!clickTargets(features).length) {
        // The demo has no footprint here: place a building of our own (about 60 m square, in
        // Monaco) with a household and a resident.
        const tag = runTag();
        const [x, y, d] = [7.4246, 43.7384, 0.0006];
        const footprint = {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + d, y],
              [x + d, y + d],
              [x, y + d],
              [x, y],
            ],
          ],
        };
        const { household } = await newHousehold(page, server, community, tag, {
          latitude: y + d / 2,
          longitude: x + d / 2,
          footprint,
        });
        await api(page, server, 'POST', '/residents', {
          household_id: household.id,
          name: `地图${tag}`,
          id_number: idNumberFor('19700101', '071'),
        });
        features = await api(page, server, 'GET', `/buildings.geojson?community=${community.id}`);
      }
      const targets = clickTargets(features);
      assert.ok(targets.length, 'a building with a footprint to click');

      // 楼栋管理 → 地图 (the page starts on the first community, the one the targets are in).
      await page.getByTestId('menu-registry').click();
      await page.getByTestId('menu-registry-buildings').click();
      await page.getByTestId('buildings-page').waitFor();
      const communityPicked = page.waitForResponse((r) => r.url().includes('/api/v1/buildings.geojson'));
      await page.locator('#tab-map').click();
      const answer = await communityPicked;
      assert.equal(answer.status(), 200);

      // The map draws: a WebGL canvas, settled, with the attribution and a legend.
      const canvas = page.getByTestId('map-canvas');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-ready') === 'true',
        undefined,
        { timeout: 60_000 },
      );
      const gl = canvas.locator('canvas.maplibregl-canvas');
      const box = await gl.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 300, `canvas size ${JSON.stringify(box)}`);
      await waitForText(page.locator('.maplibregl-ctrl-attrib'), /© OpenStreetMap contributors/);
      await page.getByTestId('map-legend').waitFor();

      // Click the centre of a footprint, projected by the map itself: the largest one whose centre
      // is on the canvas and not under the legend or a control.
      const canvasBox = await canvas.boundingBox();
      let target;
      let point;
      for (const candidate of targets.slice(0, 50)) {
        const projected = await canvas.evaluate((element, lngLat) => element.shequProject(lngLat), candidate.centre);
        const onCanvas = await page.evaluate(
          ([x, y]) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas') ?? false,
          [canvasBox.x + projected.x, canvasBox.y + projected.y],
        );
        if (onCanvas) {
          target = candidate;
          point = projected;
          break;
        }
      }
      assert.ok(target, 'a footprint centre clear of the legend and controls');
      const expected = target.feature.properties;
      await page.mouse.click(canvasBox.x + point.x, canvasBox.y + point.y);

      const info = page.getByTestId('map-building-info');
      await waitForText(info.getByTestId('map-building-number'), expected.number);
      await waitForText(info.getByTestId('map-building-households'), String(expected.households));
      await waitForText(info.getByTestId('map-building-residents'), String(expected.residents));
      assert.ok((await info.innerText()).includes(expected.address), 'the address is shown');

      // 查看住户: the building's households, as GET /households?building= has them.
      const { households } = await api(page, server, 'GET', `/households?building=${expected.id}`);
      await info.getByTestId('map-building-open').click();
      const drawer = page.getByTestId('building-drawer');
      await waitForText(drawer.locator('.el-drawer__title'), new RegExp(expected.number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      const table = drawer.getByTestId('building-households');
      if (households.length) {
        await table.locator('.el-table__body tr.el-table__row').first().waitFor();
        assert.equal(await table.locator('.el-table__body tr.el-table__row').count(), households.length);
      } else {
        await waitForText(table.locator('.el-table__empty-text'), '该楼栋还没有住户');
      }

      assert.deepEqual(outside, [], 'nothing is fetched from outside the server');
    });
  });
});
