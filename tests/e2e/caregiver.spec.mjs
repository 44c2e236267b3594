// The caregiver's day on a phone: a visit planned for now, 签到 at the home, 服务中, 签退 with a
// note, 已完成; the elder rates it with stars in 长辈版; the worker's board shows the visit done
// with its check-in and check-out times, the note and the rating.
//
// Set-up through the API as the community worker (what the community would have): an elder in a
// building with a known place, a care worker linked to the demo `caregiver` login (with the
// certificate the service needs, if it needs one), a home-care order for today in a window
// around now and the visit assigned to that worker by hand. The phone (375 × 812) is granted
// geolocation a few metres from the home.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/caregiver.spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { addDays, clock, shanghaiNow, signInAs, withContext } from './elder_fixtures.mjs';
import { launchChromium, startShequ, waitForText } from './harness.mjs';
import { api, firstCommunity, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 180_000 };
/** The elder's home (in the demo extract's town) and where the phone says it is: ~10 m away. */
const HOME = { latitude: 43.73841, longitude: 7.42462 };
const PHONE = { latitude: 43.73849, longitude: 7.42466 };

describe('caregiver day view', () => {
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

  test('a caregiver checks in and out of a visit on a phone', LIMIT, async (t) => {
    const tag = runTag();
    const elderName = `李大爷${tag}`;
    const note = `打扫了厨房和卫生间，老人精神很好 ${tag}`;
    const now = shanghaiNow();
    const today = now.date;
    const elderLogin = `daye-${tag}`;
    const elderPassword = `Daye-${tag}-pw!`;
    let worker;
    let visit;
    let serviceName;

    await withContext(browser, `${t.name} (worker set-up)`, {}, async (page) => {
      await signIn(page, server, 'worker');
      const community = await firstCommunity(page, server);
      const { household } = await newHousehold(page, server, community, tag, {
        latitude: HOME.latitude,
        longitude: HOME.longitude,
      });
      const elder = await api(page, server, 'POST', '/residents', {
        household_id: household.id,
        name: elderName,
        sex: 'male',
        birth_date: '1941-05-12',
        relation_to_head: 'head',
      });
      await api(page, server, 'POST', `/residents/${elder.id}/account`, { login: elderLogin, password: elderPassword });

      const { services } = await api(page, server, 'GET', '/homecare/services');
      const active = services.filter((s) => s.active);
      // One that fits in the time left today; bathing (助浴), which needs the caregiver
      // certificate, when the catalogue has it, so the worker needs a valid one to be assigned.
      const fits = active.filter((s) => now.minutes + s.duration_min + 5 < 24 * 60);
      const service = fits.find((s) => s.code === 'bathing') ?? fits[0];
      assert.ok(service, 'the catalogue has a service that fits in the rest of today');
      serviceName = service.name_zh;

      // The care worker of the demo `caregiver` login (the demo street links one), else a new
      // one; either way on duty all day, every day, with the service's skill.
      const shift = {
        kind: 'caregiver',
        work_weekdays: [1, 2, 3, 4, 5, 6, 7],
        work_start: '00:00',
        work_end: '23:59',
        start_lat: HOME.latitude + 0.002,
        start_lon: HOME.longitude,
      };
      const { workers } = await api(page, server, 'GET', `/workforce/workers?community=${community.id}`);
      const linked = workers.find((w) => w.login === 'caregiver');
      if (linked) {
        const skills = [...new Set([...linked.skills, ...(service.skill ? [service.skill] : [])])];
        worker = await api(page, server, 'PUT', `/workforce/workers/${linked.id}`, {
          ...shift,
          community_id: linked.community_id,
          name: linked.name,
          skills,
          start_lat: linked.start_lat,
          start_lon: linked.start_lon,
          login: 'caregiver',
          active: true,
        });
      } else {
        worker = await api(page, server, 'POST', '/workforce/workers', {
          ...shift,
          community_id: community.id,
          name: `陈静${tag}`,
          skills: service.skill ? [service.skill] : [],
          login: 'caregiver',
        });
      }
      if (service.required_qualification) {
        await api(page, server, 'POST', `/workforce/workers/${worker.id}/certificates`, {
          qualification: service.required_qualification,
          number: `E2E-${tag}`,
          issuer: '市人社局',
          valid_from: addDays(today, -30),
          valid_to: addDays(today, 365),
        });
      }

      // The window holds now. The visit starts now, or a little later should the worker be busy
      // then (their demo visits), so checking in at once is never late.
      const windowStart = Math.max(0, now.minutes - 30);
      const windowEnd = Math.min(23 * 60 + 59, now.minutes + service.duration_min + 150);
      const order = await api(page, server, 'POST', '/homecare/orders', {
        resident_id: elder.id,
        service_code: service.code,
        date: today,
        window_start: clock(windowStart),
        window_end: clock(windowEnd),
        note: 'e2e',
      });
      for (let start = now.minutes + 1; !visit && start + service.duration_min <= windowEnd; start += 15) {
        const response = await page.request.post(`${server.url}/api/v1/homecare/visits`, {
          data: JSON.stringify({ order_id: order.id, worker_id: worker.id, start: clock(start) }),
          headers: { 'Content-Type': 'application/json' },
        });
        const text = await response.text();
        if (response.status() === 201) visit = JSON.parse(text);
        else assert.equal(response.status(), 409, `POST /homecare/visits: ${text}`);
      }
      assert.ok(visit, 'the worker has a free slot in the window');
      assert.equal(visit.status, 'planned');
    });

    const phone = {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      geolocation: PHONE,
      permissions: ['geolocation'],
    };
    await withContext(browser, `${t.name} (caregiver)`, phone, async (page) => {
      await signIn(page, server, 'caregiver');
      await page.goto(`${server.url}/eldercare/my-day`);
      const day = page.getByTestId('caregiver-day-page');
      const card = day.getByTestId(`caregiver-visit-${visit.id}`);
      await waitForText(card.getByTestId('caregiver-status'), '待上门');
      await waitForText(card, new RegExp(elderName));
      const link = await card.getByTestId('caregiver-map-link').getAttribute('href');
      assert.match(link, /uri\.amap\.com\/marker\?position=7\.42462\d*,43\.73841\d*/);

      await card.getByTestId('caregiver-check-in').click();
      await waitForText(card.getByTestId('caregiver-status'), '服务中');
      assert.equal(await card.getByTestId('caregiver-flag-away_from_home').count(), 0, 'checked in at the home');
      assert.equal(await card.getByTestId('caregiver-flag-late').count(), 0, 'checked in on time');
      await waitForText(card.getByTestId('caregiver-times'), /签到 \d\d:\d\d/);

      await card.getByTestId('caregiver-check-out').click();
      await card.getByTestId('caregiver-note').fill(note);
      await card.getByTestId('caregiver-check-out-confirm').click();
      await waitForText(card.getByTestId('caregiver-status'), '已完成');
      assert.equal(await card.getAttribute('data-status'), 'done');
      assert.match(await card.getAttribute('class'), /finished/, 'a done visit is greyed');
      await waitForText(card.getByTestId('caregiver-times'), /签到 \d\d:\d\d\s+签退 \d\d:\d\d/);

      // Everything fits the phone's width.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `the page is ${width}px wide`);

      // Tomorrow has nothing for this visit.
      await day.getByTestId('caregiver-day-tomorrow').click();
      await waitForText(day.getByTestId('caregiver-date'), /^明天/);
      assert.equal(await day.getByTestId('caregiver-date').getAttribute('data-date'), addDays(today, 1));
      await card.waitFor({ state: 'detached' });
    });

    // The elder rates the visit in 长辈版 with big stars.
    await withContext(browser, `${t.name} (elder rates)`, {}, async (page) => {
      await signInAs(page, server, elderLogin, elderPassword);
      await page.goto(`${server.url}/eldercare/for-me`);
      const elder = page.getByTestId('elder-home-page');
      await elder.getByTestId('elder-task-upcoming').click();
      const done = elder.getByTestId('elder-done-visit').filter({ hasText: serviceName });
      await done.getByTestId('elder-star-4').click();
      assert.equal(await done.getByTestId('elder-star-4').getAttribute('aria-checked'), 'true');
      await done.getByTestId('elder-rate-submit').click();
      await waitForText(done.locator('[role=status]'), /您打了 4 星/);
    });

    // The worker's board: done, with both times, the note, at the home, rated.
    await withContext(browser, `${t.name} (worker check)`, {}, async (page) => {
      await signIn(page, server, 'worker');
      const { visits } = await api(page, server, 'GET', `/homecare/visits?date=${today}&worker_id=${worker.id}`);
      const done = visits.find((v) => v.id === visit.id);
      assert.ok(done, 'the visit is on the board');
      assert.equal(done.status, 'done');
      assert.ok(done.check_in_at, 'check-in time recorded');
      assert.ok(done.check_out_at, 'check-out time recorded');
      assert.ok(Date.parse(done.check_out_at) >= Date.parse(done.check_in_at));
      assert.equal(done.caregiver_note, note);
      assert.equal(done.late, false);
      assert.equal(done.away_from_home, false);
      assert.equal(done.rating, 4);
    });
  });
});
