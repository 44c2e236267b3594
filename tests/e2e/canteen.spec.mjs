// The elderly canteen, end to end, as its operator: open a canteen and set next week's lunch menu
// in the browser; two residents' orders are placed through the API (an 80-year-old on 低保, who
// pays 15.00 − 8.00, and a 30-year-old neighbour at full price); the operator sees them on the
// serving list and in the month-end settlement (meals, revenue, subsidy, reconciled, the XLSX),
// and asks the what-if dashboard about a price change.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/canteen.spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 180_000 };

function shanghaiToday() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function addDays(date, days) {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** The Monday of next week (Shanghai), when every day of the menu is still to come. */
function nextMonday() {
  const today = shanghaiToday();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  return addDays(today, 8 - weekday);
}

describe('canteen', () => {
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

  test('an admin’s rule table with overlapping age bands is refused, the rows named, nothing stored', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'admin');
      const before = await api(page, server, 'GET', '/canteen/subsidy-rules');
      await page.goto(`${server.url}/eldercare/canteen`);
      await page.locator('#tab-rules').click();
      const rules = page.getByTestId('rules-tab');
      await waitForText(rules.getByTestId('rules-source'), /Jurong/);
      assert.equal(await rules.getByTestId('rules-table').locator('.el-table__body tr').count(), before.rules.length);

      // The table in force plus a 70–80 lunch row on the same funding line: it overlaps 60–74 and 75–84.
      await rules.getByRole('button', { name: '以现行规则为底稿' }).click();
      const tsv = rules.getByTestId('rules-tsv');
      const text = await tsv.inputValue();
      assert.ok(text.includes('jurong_2023'), 'the editor starts from the table in force');
      const overlapping = ['jurong_2023', '2023-01-01', '', 'lunch', '70', '80', '', '', '', '300', '', '', '', '70-80岁补贴', 'Aged 70-80 subsidy'].join('\t');
      await tsv.fill(`${text.trimEnd()}\n${overlapping}\n`);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/canteen/subsidy-rules') && r.request().method() === 'PUT'),
        rules.getByTestId('rules-send').click(),
      ]);
      assert.equal(answer.status(), 400, await answer.text());
      const error = rules.getByTestId('rules-error');
      await waitForText(error, /规则表有误，未保存/);
      await waitForText(error.getByTestId('rules-error-place'), /^第 \d+、\d+ 行$/);
      assert.match(await error.innerText(), /overlap/);
      const after = await api(page, server, 'GET', '/canteen/subsidy-rules');
      assert.deepEqual(after, before, 'nothing stored');
    });
  });

  test('the operator opens a canteen, sets a week’s menu and settles the orders', LIMIT, async (t) => {
    const tag = runTag();
    const name = `幸福食堂${tag}`;
    const monday = nextMonday();
    const month = monday.slice(0, 7);

    await withPage(browser, `${t.name} (operator)`, async (page) => {
      await signIn(page, server, 'canteen');
      await page.goto(`${server.url}/eldercare/canteen`);
      await page.getByTestId('canteen-page').waitFor();

      // Open a canteen: 30 seats, lunch every day 11:00–13:00, delivery 2.00, fixed cost 3000.00.
      await page.getByTestId('canteen-new').click();
      const dialog = page.getByTestId('canteen-dialog');
      await dialog.getByTestId('canteen-form-name').fill(name);
      await dialog.getByTestId('canteen-form-seats').locator('input').fill('30');
      for (const day of ['周六', '周日']) await dialog.locator('.el-checkbox', { hasText: day }).first().click();
      await dialog.getByTestId('canteen-form-fixed-cost').fill('3000');
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/canteen/canteens') && r.request().method() === 'POST'),
        dialog.getByTestId('canteen-form-submit').click(),
      ]);
      assert.equal(created.status(), 201, await created.text());
      const canteen = await created.json();
      assert.equal(canteen.seats_per_meal, 30);
      assert.deepEqual(canteen.lunch, { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '11:00', end: '13:00' });
      assert.equal(canteen.dinner, null);
      assert.equal(canteen.delivery_fee_fen, 200);
      assert.equal(canteen.fixed_monthly_cost_fen, 300000);
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('canteens-table').locator('.el-table__body tr', { hasText: name }).waitFor();

      // Next week's menu: one cell, applied to every served day of the week.
      await page.locator('#tab-menus').click();
      const week = page.getByTestId('menu-week');
      await week.getByTestId('menu-next-week').click();
      await waitForText(week.getByTestId('menu-week-label'), `${monday} 至 ${addDays(monday, 6)}`);
      await week.getByTestId(`menu-cell-${monday}-lunch`).locator('button').click();
      const menuDialog = page.getByTestId('menu-dialog');
      await menuDialog.getByTestId('menu-form-dishes').fill('红烧狮子头\n清炒时蔬\n米饭');
      await menuDialog.getByTestId('menu-form-price').fill('15');
      await menuDialog.getByTestId('menu-form-cost').fill('6.50');
      let saved = 0;
      page.on('response', (r) => {
        if (r.url().endsWith(`/api/v1/canteen/canteens/${canteen.id}/menus`) && r.request().method() === 'POST' && r.status() === 200) saved += 1;
      });
      await menuDialog.getByTestId('menu-form-submit').click();
      await menuDialog.waitFor({ state: 'hidden' });
      for (let i = 0; i < 7; i++) {
        const cell = week.getByTestId(`menu-cell-${addDays(monday, i)}-lunch`);
        await waitForText(cell.getByTestId('menu-cell-price'), '标准价 15.00 元');
      }
      assert.equal(saved, 7, 'one menu per day of the week');
      const menus = await api(page, server, 'GET', `/canteen/canteens/${canteen.id}/menus?from=${monday}&to=${addDays(monday, 6)}`);
      assert.equal(menus.menus.length, 7);
      assert.deepEqual(menus.menus[0].dishes, ['红烧狮子头', '清炒时蔬', '米饭']);
      assert.equal(menus.menus[0].cost_fen, 650);

      // Set-up, as the community worker: two diners and their orders for next Monday's lunch.
      await withPage(browser, `${t.name} (worker orders)`, async (worker) => {
        await signIn(worker, server, 'worker');
        const community = await firstCommunity(worker, server);
        const { household } = await newHousehold(worker, server, community, tag);
        const elder = await api(worker, server, 'POST', '/residents', {
          household_id: household.id,
          name: `王奶奶${tag}`,
          sex: 'female',
          birth_date: '1946-01-15',
          relation_to_head: 'head',
          tags: ['low_income'],
        });
        const neighbour = await api(worker, server, 'POST', '/residents', {
          household_id: household.id,
          name: `小李${tag}`,
          sex: 'male',
          birth_date: '1996-03-01',
          relation_to_head: 'grandchild',
        });
        const first = await api(worker, server, 'POST', '/canteen/orders', {
          canteen_id: canteen.id, resident_id: elder.id, meal: 'lunch', date: monday,
        });
        assert.equal(first.price_fen, 700, 'standard 15.00, the 低保 subsidy 8.00 wins over the age tier');
        assert.equal(first.subsidy_fen, 800);
        const second = await api(worker, server, 'POST', '/canteen/orders', {
          canteen_id: canteen.id, resident_id: neighbour.id, meal: 'lunch', date: monday, mode: 'delivery',
        });
        assert.equal(second.price_fen, 1700, 'full price 15.00 plus the 2.00 delivery fee');
      });

      // The serving list of that Monday: two orders, one delivered, against 30 seats.
      await page.locator('#tab-serving').click();
      const serving = page.getByTestId('serving-tab');
      const dateInput = serving.locator('.el-date-editor input');
      await dateInput.fill(monday);
      await dateInput.press('Enter');
      const rows = serving.getByTestId('serving-table').locator('.el-table__body tr');
      await rows.filter({ hasText: `王奶奶${tag}` }).waitFor();
      await waitForText(rows.filter({ hasText: `王奶奶${tag}` }), /堂食\s+7\.00/);
      await waitForText(rows.filter({ hasText: `小李${tag}` }), /送餐\s+17\.00/);
      await waitForText(serving.getByTestId('serving-count-total'), /2\s*\/ 30/);

      // The month-end settlement.
      await page.locator('#tab-settlement').click();
      const settlement = page.getByTestId('settlement-tab');
      const monthInput = settlement.locator('.el-date-editor input');
      if ((await monthInput.inputValue()) !== month) {
        await monthInput.fill(month);
        await monthInput.press('Enter');
      }
      await waitForText(settlement.getByTestId('settlement-meals'), '2');
      await waitForText(settlement.getByTestId('settlement-subsidised_meals'), '1');
      await waitForText(settlement.getByTestId('settlement-standard_fen'), '30.00');
      await waitForText(settlement.getByTestId('settlement-revenue_fen'), '22.00');
      await waitForText(settlement.getByTestId('settlement-subsidy_fen'), '8.00');
      await waitForText(settlement.getByTestId('settlement-delivery_fen'), '2.00');
      await waitForText(settlement.getByTestId('settlement-food_cost_fen'), '13.00');
      await waitForText(settlement.getByTestId('settlement-reconciled'), /已对账/);
      await waitForText(settlement.getByTestId('settlement-tiers').locator('.el-table__body tr', { hasText: '低保老人补贴' }), /\b1\b/);
      const href = await settlement.getByTestId('settlement-xlsx').getAttribute('href');
      assert.equal(href, `/api/v1/canteen/canteens/${canteen.id}/settlement?month=${month}&format=xlsx`);
      const xlsx = await page.request.get(`${server.url}${href}`);
      assert.equal(xlsx.status(), 200);
      assert.match(xlsx.headers()['content-type'], /spreadsheetml/);
      assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK', 'an XLSX is a zip file');

      // Sustainability: the what-if of raising every price by 1.00 — revenue 22.00 → 24.00.
      await page.locator('#tab-sustainability').click();
      const sustain = page.getByTestId('sustainability-tab');
      const sustainMonth = sustain.locator('.el-date-editor input');
      if ((await sustainMonth.inputValue()) !== month) {
        await sustainMonth.fill(month);
        await sustainMonth.press('Enter');
      }
      await waitForText(sustain.getByTestId('sustain-cost-recovery'), /\d+\.\d%/);
      await sustain.getByTestId('what-if-price').fill('1');
      await sustain.getByTestId('what-if-run').click();
      await waitForText(sustain.getByTestId('what-if-before-revenue_fen'), '22.00');
      await waitForText(sustain.getByTestId('what-if-after-revenue_fen'), '24.00');
    });
  });
});
