// A resident's own household: the community worker creates a login for a resident from the
// details drawer; signed in with it, the resident's menu holds only 我的家 under 人口登记, and the
// page shows their building and the people of their household, numbers masked.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, idNumberFor, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 120_000 };

describe('my household', () => {
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

  test('worker creates a resident’s login; the resident sees their household', LIMIT, async (t) => {
    const tag = runTag();
    const login = `home-${tag}`;
    const password = `Home-${tag}-pw!`;
    const head = `户主${tag}`;
    const spouse = `配偶${tag}`;
    const phone = '13700002222';
    const idNumber = idNumberFor('19750815', '091');
    let building;

    await withPage(browser, `${t.name} (worker)`, async (page) => {
      await signIn(page, server, 'worker');
      const community = await firstCommunity(page, server);
      const place = await newHousehold(page, server, community, tag);
      building = place.building;
      await api(page, server, 'POST', '/residents', {
        household_id: place.household.id,
        name: head,
        id_number: idNumber,
        phone,
        relation_to_head: 'head',
      });
      await api(page, server, 'POST', '/residents', {
        household_id: place.household.id,
        name: spouse,
        sex: 'female',
        birth_date: '1977-03-01',
        relation_to_head: 'spouse',
      });

      await page.goto(`${server.url}/registry/residents`);
      await page.getByTestId('residents-q').fill(head);
      await page.getByTestId('residents-search').click();
      const row = page.getByTestId('residents-table').locator('.el-table__body tr', { hasText: head });
      await row.getByTestId('resident-view').click();
      const drawer = page.getByTestId('resident-drawer');
      await waitForText(drawer.getByTestId('detail-name'), head);
      await drawer.getByTestId('resident-create-account').click();
      const dialog = page.getByTestId('resident-account-dialog');
      await dialog.getByTestId('resident-account-login').fill(login);
      await dialog.getByTestId('resident-account-password').fill(password);
      const [created] = await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/residents\/\d+\/account$/.test(r.url()) && r.request().method() === 'POST'),
        dialog.getByTestId('resident-account-submit').click(),
      ]);
      assert.equal(created.status(), 201, await created.text());
      await dialog.waitFor({ state: 'hidden' });
    });

    await withPage(browser, `${t.name} (resident)`, async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-name').fill(login);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${server.url}/`);

      // Under 人口登记 only 我的家.
      await page.getByTestId('menu-registry').click();
      await page.getByTestId('menu-registry-my-household').click();
      for (const staffOnly of ['residents', 'buildings', 'import', 'population']) {
        assert.equal(await page.getByTestId(`menu-registry-${staffOnly}`).count(), 0, staffOnly);
      }
      const mine = page.getByTestId('my-household-page');
      await waitForText(mine.getByTestId('my-household-place'), new RegExp(building.number));
      const people = mine.getByTestId('my-household-person');
      await waitForText(people.filter({ hasText: head }), new RegExp(`${phone.slice(0, 3)}\\*{4}${phone.slice(-4)}`));
      await people.filter({ hasText: spouse }).waitFor();
      assert.equal(await people.count(), 2);
      const text = await mine.innerText();
      assert.ok(!text.includes(phone) && !text.includes(idNumber), 'numbers are masked');
    });
  });
});
