// 长辈版: an 80-year-old on 低保 orders a weekday lunch in large type and sees the right price.
//
// Set-up through the API as the community worker (what the community would have): a resident
// aged 80 tagged 低保 (low_income) with a login of her own, a canteen serving weekday lunches and
// a 15.00 lunch menu on the coming weekdays. Then, clicking as she would: 长辈版 → 订餐, the next
// open weekday's lunch already chosen → the price explained by the shipped Jurong table
// (src/eldercare/canteen/data/subsidy_rules.tsv: 75–84 gives 5.00, 低保 from 60 gives 8.00, the
// larger wins) → 标准价 15.00, 低保老人补贴 −8.00, 您付 7.00 → confirm → the order shows under
// 近期安排, and the canteen's serving list holds it at that price.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/elder_mode.spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { addDays, isoWeekday, shanghaiNow, signInAs, withContext } from './elder_fixtures.mjs';
import { launchChromium, startShequ, waitForText } from './harness.mjs';
import { api, firstCommunity, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 180_000 };
const MINUS = '\u2212';

describe('长辈版 (senior mode)', () => {
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

  test('an 80-year-old on 低保 orders a weekday lunch and sees 15.00 − 8.00 = 7.00', LIMIT, async (t) => {
    const tag = runTag();
    const login = `nainai-${tag}`;
    const password = `Nainai-${tag}-pw!`;
    const name = `王秀兰${tag}`;
    const today = shanghaiNow().date;
    // 80 years and 10 days old today: 80 on any day of the coming fortnight.
    const birth = addDays(`${Number(today.slice(0, 4)) - 80}${today.slice(4)}`, -10);
    // The lunches on offer: every weekday of the next two weeks, from tomorrow (today's may be
    // past its cutoff). The page offers the first of them.
    const lunchDays = [];
    for (let d = 1; d <= 14; d++) {
      const date = addDays(today, d);
      if (isoWeekday(date) <= 5) lunchDays.push(date);
    }
    const expectedDay = lunchDays[0];
    let canteen;

    await withContext(browser, `${t.name} (worker set-up)`, {}, async (page) => {
      await signIn(page, server, 'worker');
      const community = await firstCommunity(page, server);
      const { household } = await newHousehold(page, server, community, tag);
      const resident = await api(page, server, 'POST', '/residents', {
        household_id: household.id,
        name,
        sex: 'female',
        birth_date: birth,
        relation_to_head: 'head',
        tags: ['low_income'],
      });
      await api(page, server, 'POST', `/residents/${resident.id}/account`, { login, password });
      canteen = await api(page, server, 'POST', '/canteen/canteens', {
        community_id: community.id,
        name: `幸福食堂${tag}`,
        seats_per_meal: 40,
        lunch: { weekdays: [1, 2, 3, 4, 5], start: '11:00', end: '13:00' },
        cutoff_minutes: 120,
        delivery_fee_fen: 200,
      });
      for (const date of lunchDays) {
        await api(
          page,
          server,
          'POST',
          `/canteen/canteens/${canteen.id}/menus`,
          { date, meal: 'lunch', dishes: ['清蒸鱼', '炒青菜', '米饭'], price_fen: 1500, cost_fen: 900 },
          200,
        );
      }
    });

    await withContext(browser, `${t.name} (elder)`, {}, async (page) => {
      await signInAs(page, server, login, password);
      await page.getByTestId('menu-eldercare').click();
      await page.getByTestId('menu-eldercare-for-me').click();
      const elder = page.getByTestId('elder-home-page');
      await waitForText(elder.getByTestId('elder-greeting'), new RegExp(name));

      // Large type and big targets (MIIT 2021: ≥ 18 px text, ≥ 30 px main text, 60 × 60).
      const sizes = await elder.evaluate((root) => ({
        body: parseFloat(getComputedStyle(root).fontSize),
        title: parseFloat(getComputedStyle(root.querySelector('h1')).fontSize),
      }));
      assert.ok(sizes.body >= 18, `body text ${sizes.body}px`);
      assert.ok(sizes.title >= 30, `title ${sizes.title}px`);

      await elder.getByTestId('elder-task-meal').click();
      const task = elder.getByTestId('elder-meal-task');
      await task.getByTestId('elder-meal-next').or(task.getByTestId('elder-meal-no-menu')).waitFor();
      // The demo street has a canteen of its own: pick this one (one canteen: no choice shown).
      const canteenButton = task.getByTestId('elder-meal-canteen').filter({ hasText: canteen.name });
      if (await canteenButton.count()) {
        await canteenButton.click();
        // Shown again, chosen, once its menus have loaded.
        await task.locator('[data-testid=elder-meal-canteen][aria-pressed=true]', { hasText: canteen.name }).waitFor();
      }
      // Already chosen: the next open weekday, lunch, eaten at the canteen.
      const day = task.getByTestId(`elder-meal-day-${expectedDay}`);
      await day.waitFor();
      assert.equal(await day.getAttribute('aria-pressed'), 'true', 'the next open weekday is chosen');
      assert.equal(await task.getByTestId('elder-meal-lunch').getAttribute('aria-pressed'), 'true');
      assert.equal(await task.getByTestId('elder-mode-dine_in').getAttribute('aria-pressed'), 'true');
      await waitForText(task.getByTestId('elder-meal-dishes'), /清蒸鱼/);
      for (const button of await task.locator('button').all()) {
        const box = await button.boundingBox();
        assert.ok(box.width >= 60 && box.height >= 60, `a button of ${box.width}×${box.height}`);
      }

      // Step 1 → 2: the price with its explanation, before anything is ordered.
      await task.getByTestId('elder-meal-next').click();
      await waitForText(task.getByTestId('elder-price-standard'), /^标准价\s*15\.00 元$/);
      await waitForText(task.getByTestId('elder-price-subsidy'), new RegExp(`^低保老人补贴\\s*${MINUS}8\\.00 元$`));
      await waitForText(task.getByTestId('elder-price-total'), /^您付\s*7\.00 元$/);
      assert.equal(await task.getByTestId('elder-price-subsidy').count(), 1, 'one subsidy: the largest rule wins');

      await task.getByTestId('elder-meal-confirm').click();
      await task.getByTestId('elder-meal-done').waitFor();

      // 近期安排 lists it.
      await task.getByTestId('elder-go-upcoming').click();
      const upcoming = elder.getByTestId('elder-upcoming-task');
      const meal = upcoming.getByTestId('elder-upcoming-meal');
      await waitForText(meal.first(), /午餐[\s\S]*7\.00 元/);
      assert.equal(await meal.count(), 1);
      assert.equal(await elder.getByTestId('elder-error').count(), 0, 'no failure on the page');

      // 预约服务 for herself: the first service, tomorrow morning, as offered; then cancel it.
      await elder.getByTestId('elder-back').click();
      await elder.getByTestId('elder-task-care').click();
      const care = elder.getByTestId('elder-care-task');
      await care.getByTestId('elder-care-next').click();
      await waitForText(care.getByTestId('elder-care-summary'), new RegExp(`我自己[\\s\\S]*明天[\\s\\S]*上午 08:00–12:00`));
      await waitForText(care.getByTestId('elder-price-standard'), /^标准价\s*\d+\.\d\d 元$/);
      const [booked] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/homecare/orders') && r.request().method() === 'POST'),
        care.getByTestId('elder-care-confirm').click(),
      ]);
      assert.equal(booked.status(), 201, await booked.text());
      const order = await booked.json();
      assert.equal(order.date, addDays(today, 1));
      assert.equal(order.window_start, '08:00');
      await care.getByTestId('elder-care-done').waitFor();
      await waitForText(care.getByTestId('elder-price-total'), new RegExp(`^您付\\s*${(order.pay_fen / 100).toFixed(2)} 元$`));

      await elder.getByTestId('elder-back').click();
      await elder.getByTestId('elder-task-upcoming').click();
      const visit = elder.getByTestId('elder-upcoming-task').getByTestId('elder-upcoming-visit');
      await waitForText(visit, new RegExp(order.service_name_zh));
      await visit.getByTestId('elder-cancel').click();
      await visit.getByTestId('elder-cancel-confirm').click();
      await visit.waitFor({ state: 'detached' });
      assert.equal(await elder.getByTestId('elder-upcoming-meal').count(), 1, 'the meal stays');
    });

    // The canteen holds the order at the price shown.
    await withContext(browser, `${t.name} (worker check)`, {}, async (page) => {
      await signIn(page, server, 'worker');
      const serving = await api(page, server, 'GET', `/canteen/canteens/${canteen.id}/orders?date=${expectedDay}&meal=lunch`);
      assert.equal(serving.count, 1);
      const [order] = serving.orders;
      assert.equal(order.resident_name, name);
      assert.equal(order.mode, 'dine_in');
      assert.equal(order.standard_fen, 1500);
      assert.equal(order.subsidy_fen, 800);
      assert.equal(order.price_fen, 700);
    });
  });

  test('长辈版 fits a phone: nothing wider than the screen, targets 60 × 60', LIMIT, async (t) => {
    const options = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
    await withContext(browser, `${t.name}`, options, async (page) => {
      await signIn(page, server, 'resident');
      await page.goto(`${server.url}/eldercare/for-me`);
      const elder = page.getByTestId('elder-home-page');
      await elder.getByTestId('elder-greeting').waitFor();
      const tasks = ['elder-task-meal', 'elder-task-care', 'elder-task-upcoming'];
      for (const id of tasks) {
        const box = await elder.getByTestId(id).boundingBox();
        assert.ok(box.height >= 60 && box.width >= 60, `${id}: ${box.width}×${box.height}`);
        assert.ok(box.x >= 0 && box.x + box.width <= 375, `${id} inside the screen: x ${box.x}, w ${box.width}`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 375, `the page is ${overflow}px wide`);
    });
  });
});
