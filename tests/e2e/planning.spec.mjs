// The planning map: the planner opens 完整社区规划, picks the elderly service station (老年服务站,
// `elderly_service_station` in src/planning/data/facility_mapping.tsv), sees the community's
// buildings coloured by the walk to the nearest one, clicks the map for the 5/10/15-minute
// isochrones, then adds an imagined station beside an uncovered building and sees that item's
// coverage rise in the scorecard; "back to the real state" undoes it. A community worker records
// that an item no map can answer (property services) is in place, and the assessment counts it.
// A grid worker, who may not read planning data, gets the no-permission page.
//
// The server runs on the Monaco demo with the extract imported (`startShequ({ importOsm: true })`).
// MapLibre draws to a canvas, so the map container carries its counts as data attributes
// (PlanningMap.vue) and `shequProject` turns a [lon, lat] into a point on it; clicks are real
// mouse clicks.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/planning.spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 240_000 };
const TYPE = 'elderly_service_station';
const MAP = '[data-testid="planning-map"]';

/** Waits until the map container's data attribute `name` satisfies `check` and returns its value. */
async function waitForMapAttribute(page, name, check, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await page.locator(MAP).getAttribute(name);
    if (value !== null && check(value)) return value;
    if (Date.now() > deadline) throw new Error(`map attribute ${name} is ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the map has drawn its data and settled. */
function mapReady(page) {
  return waitForMapAttribute(page, 'data-ready', (v) => v === 'true');
}

/** The scorecard's whole percentage of an item's share, as the UI rounds it. */
function percent(share) {
  return Math.round(share * 100);
}

/**
 * The first building in `candidates` whose point is on screen, on the map canvas itself (not
 * under the legend, a control or the info card): its page coordinates.
 */
async function clickablePoint(page, candidates) {
  const container = page.locator(MAP);
  const box = await container.boundingBox();
  for (const building of candidates) {
    const p = await container.evaluate((element, lngLat) => element.shequProject(lngLat), [building.lon, building.lat]);
    if (p.x < 5 || p.y < 5 || p.x > box.width - 5 || p.y > box.height - 5) continue;
    const x = box.x + p.x;
    const y = box.y + p.y;
    const onCanvas = await page.evaluate(
      ([px, py]) => document.elementFromPoint(px, py)?.classList.contains('maplibregl-canvas') ?? false,
      [x, y],
    );
    if (onCanvas) return { building, x, y };
  }
  return undefined;
}

describe('planning map', () => {
  let server;
  let browser;

  before(
    async () => {
      server = await startShequ({ importOsm: true });
      browser = await launchChromium();
    },
    { timeout: 240_000 },
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('planner colours the buildings, draws isochrones and adds an elderly service station', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      const outside = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
      });
      await signIn(page, server, 'planner');

      // The community to work in: the one the page starts on (the first of the planner's), unless
      // it has no resident left without a station; then the one with most residents outside.
      const status = await api(page, server, 'GET', '/planning/status');
      assert.ok(status.import, 'the demo extract is imported');
      const entry = status.checklist.find((c) => c.facility_type === TYPE);
      assert.ok(entry, `the checklist measures ${TYPE}`);
      const maxDistance = entry.max_distance_m;
      const { communities } = await api(page, server, 'GET', '/communities');
      assert.ok(communities.length > 0);
      const outsideOf = async (candidate) => {
        const a = await api(page, server, 'GET', `/planning/assessment?community=${candidate.id}`);
        const i = a.communities.find((x) => String(x.id) === String(candidate.id))?.items.find((x) => x.facility_type === TYPE);
        return { community: candidate, assessment: a, item: i, outside: i?.evidence?.residents_outside ?? 0 };
      };
      let chosen = await outsideOf(communities[0]);
      for (const candidate of communities.slice(1)) {
        if (chosen.outside > 0) break;
        const next = await outsideOf(candidate);
        if (next.outside > chosen.outside) chosen = next;
      }
      const { community, assessment, item } = chosen;
      assert.ok(chosen.outside > 0, 'a community with residents outside the reach of an elderly service station');
      const uncovered = assessment.buildings
        .filter((b) => String(b.community_id) === String(community.id) && b.on_network && b.residents > 0)
        .filter((b) => {
          const nearest = b.nearest[TYPE];
          return nearest === null || nearest.distance_m > maxDistance;
        })
        .sort((a, b) => b.residents - a.residents);
      assert.ok(uncovered.length, 'an uncovered building with residents');

      // 完整社区规划 from the menu.
      await page.getByTestId('menu-planning').click();
      await page.getByTestId('planning-page').waitFor();
      if (community.id !== communities[0].id) {
        await page.getByTestId('planning-community').click();
        await page.locator('.el-select-dropdown__item:visible', { hasText: community.name }).first().click();
      }
      // 设施类型: 老年服务站 (the default already; chosen as a user would).
      await page.getByTestId('planning-facility-type').click();
      await page.getByTestId(`planning-facility-type-${TYPE}`).click();
      await waitForText(page.getByTestId('planning-facility-type'), new RegExp(entry.name_zh));
      await waitForMapAttribute(page, 'data-facility-type', (v) => v === TYPE);
      await mapReady(page);

      // The buildings are drawn and coloured; the covered count is the assessment's own.
      const inCommunity = assessment.buildings.filter((b) => String(b.community_id) === String(community.id));
      const drawn = Number(await waitForMapAttribute(page, 'data-building-count', (v) => Number(v) > 0));
      assert.ok(drawn >= inCommunity.length, `${drawn} buildings drawn, ${inCommunity.length} assessed in the community`);
      assert.equal(Number(await page.locator(MAP).getAttribute('data-coloured-count')), drawn);
      const layer = await api(page, server, 'GET', `/planning/layers/buildings.geojson?community=${community.id}`);
      const coveredInLayer = layer.features.filter((f) => f.geometry && f.properties[TYPE] !== null && f.properties[TYPE] <= maxDistance).length;
      assert.equal(Number(await page.locator(MAP).getAttribute('data-covered-count')), coveredInLayer);
      await page.getByTestId('planning-legend').waitFor();

      // The scorecard row of the item shows the assessment's share.
      const row = page.locator(`[data-testid="scorecard-row"][data-facility-type="${TYPE}"]`);
      await row.scrollIntoViewIfNeeded();
      const shareBefore = percent(item.share);
      await waitForText(row.getByTestId('scorecard-share'), `${shareBefore}%`);
      await waitForText(row.getByTestId('scorecard-pass'), item.pass ? '达标' : '未达标');
      // Items only a worker can judge say so.
      assert.ok((await page.getByTestId('scorecard-needs-input').count()) > 0, 'worker-input items are listed');

      // A click on the map (not placing): the 5, 10 and 15-minute isochrones of that point.
      const isochroneAt = await clickablePoint(page, uncovered);
      assert.ok(isochroneAt, 'an uncovered building clear of the legend and controls');
      // The isochrone and the what-if can take seconds on a debug (sanitizer) build of the server.
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/planning/isochrone'), { timeout: 90_000 });
      await page.mouse.click(isochroneAt.x, isochroneAt.y);
      assert.equal((await answered).status(), 200);
      await waitForMapAttribute(page, 'data-isochrone-count', (v) => Number(v) === 3);
      assert.equal(await page.getByTestId('planning-isochrone-legend').count(), 3);
      // The click was on a building: its card shows its residents and that it is out of reach.
      const info = page.getByTestId('planning-info');
      await waitForText(info.getByTestId('planning-info-residents'), String(isochroneAt.building.residents));
      await page.getByTestId('planning-clear-isochrones').click();
      await waitForMapAttribute(page, 'data-isochrone-count', (v) => Number(v) === 0);
      await info.getByTestId('planning-info-close').click();
      await info.waitFor({ state: 'detached' });

      // What if: a station beside the largest uncovered building.
      const coveredBefore = Number(await page.locator(MAP).getAttribute('data-covered-count'));
      await page.getByTestId('planning-add-facility').click();
      await waitForMapAttribute(page, 'data-placing', (v) => v === 'true');
      const target = await clickablePoint(page, uncovered);
      assert.ok(target, 'an uncovered building to place the station at');
      const whatIf = page.waitForResponse((r) => r.url().includes('/api/v1/planning/what-if'), { timeout: 90_000 });
      await page.mouse.click(target.x, target.y);
      const whatIfAnswer = await whatIf;
      assert.equal(whatIfAnswer.status(), 200, await whatIfAnswer.text());
      await page.getByTestId('planning-what-if-active').waitFor();
      await waitForMapAttribute(page, 'data-added-count', (v) => Number(v) === 1);

      const shown = await waitForText(row.getByTestId('scorecard-share-before'), `${shareBefore}%`);
      const afterText = await row.getByTestId('scorecard-share-after').innerText();
      const after = Number(/(\d+)%/.exec(afterText)?.[1]);
      assert.ok(after > Number(/(\d+)/.exec(shown)[1]), `the share rose: ${shown} → ${afterText}`);
      await waitForText(row.getByTestId('scorecard-share-delta'), new RegExp(`▲ \\+${after - shareBefore}`));
      // The server's own figure, and the buildings recoloured: more within reach.
      const answer = await whatIfAnswer.json();
      const afterItem = answer.after.communities
        .find((c) => String(c.id) === String(community.id))
        .items.find((i) => i.facility_type === TYPE);
      assert.equal(after, percent(afterItem.share));
      const targetAfter = answer.after.buildings.find((b) => String(b.id) === String(target.building.id));
      assert.ok(targetAfter.nearest[TYPE].distance_m <= maxDistance, 'the building next to it is covered now');
      await waitForMapAttribute(page, 'data-covered-count', (v) => Number(v) > coveredBefore);

      // Back to the real state.
      await page.getByTestId('planning-what-if-reset').click();
      await waitForText(row.getByTestId('scorecard-share'), `${shareBefore}%`);
      await waitForMapAttribute(page, 'data-added-count', (v) => Number(v) === 0);
      await waitForMapAttribute(page, 'data-covered-count', (v) => Number(v) === coveredBefore);

      assert.deepEqual(outside, [], 'nothing is fetched from outside the server');
    });
  });

  test('a community worker records that property management is in place', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'worker');
      await page.goto(`${server.url}/planning`);
      const row = page.locator('[data-testid="scorecard-row"][data-item="cc16_property_service"]');
      await row.getByTestId('scorecard-needs-input').waitFor({ timeout: 60_000 });
      await row.getByTestId('answer-choice').getByText('已具备').click();
      // Element Plus puts the attribute on the <input> itself or on its wrapper, by version.
      await row.locator('input[data-testid="answer-note"], [data-testid="answer-note"] input').fill('物业服务全覆盖');
      await row.getByTestId('answer-save').click();
      await waitForText(row.getByTestId('scorecard-answer'), '已具备', 30_000);
      // The server counts it: the item passes in the assessment the planner reads too.
      const { communities } = await api(page, server, 'GET', '/communities');
      const report = await api(page, server, 'GET', `/planning/assessment?community=${communities[0].id}`);
      const item = report.communities[0].items.find((i) => i.item === 'cc16_property_service');
      assert.equal(item.pass, true);
      assert.equal(item.worker_answer.note, '物业服务全覆盖');
    });
  });

  test('a grid worker may not see the planning data', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'grid');
      await page.goto(`${server.url}/planning`);
      await page.getByTestId('planning-forbidden').waitFor();
    });
  });
});
