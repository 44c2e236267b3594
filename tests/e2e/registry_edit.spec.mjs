// Editing a resident: the community worker changes a resident's phone number in the details
// drawer and sees the new one, masked, in the drawer and the list; a wrong ID number is caught
// on its form item, in Chinese, and nothing is sent.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, idNumberFor, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 120_000 };

describe('registry edit forms', () => {
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

  test('worker edits a resident’s phone and is stopped on a wrong ID number', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'worker');
      const tag = runTag();
      const community = await firstCommunity(page, server);
      const { household } = await newHousehold(page, server, community, tag);
      const name = `改号${tag}`;
      const resident = await api(page, server, 'POST', '/residents', {
        household_id: household.id,
        name,
        id_number: idNumberFor('19600302', '011'),
        phone: '13800001111',
      });
      const newPhone = '13912345678';
      const masked = `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`;

      // Find them in the list and open the details.
      await page.goto(`${server.url}/registry/residents`);
      await page.getByTestId('residents-page').waitFor();
      await page.getByTestId('residents-q').fill(name);
      await page.getByTestId('residents-search').click();
      const row = page.getByTestId('residents-table').locator('.el-table__body tr', { hasText: name });
      await row.waitFor();
      await row.getByTestId('resident-view').click();
      const drawer = page.getByTestId('resident-drawer');
      await waitForText(drawer.getByTestId('detail-name'), name);
      await waitForText(drawer.getByTestId('detail-phone'), '138****1111');

      // 修改: a new phone number.
      await drawer.getByTestId('resident-edit').click();
      const dialog = page.getByTestId('resident-edit-dialog');
      await dialog.getByTestId('resident-edit-phone').fill(newPhone);
      const [patched] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/residents/${resident.id}`) && r.request().method() === 'PATCH'),
        dialog.getByTestId('resident-edit-submit').click(),
      ]);
      assert.equal(patched.status(), 200, await patched.text());
      assert.deepEqual(JSON.parse(patched.request().postData() ?? '{}'), { phone: newPhone }, 'only the phone is sent');
      await dialog.waitFor({ state: 'hidden' });

      // Masked in the drawer and in the list; the full number nowhere on the page.
      await waitForText(drawer.getByTestId('detail-phone'), masked);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await waitForText(row, new RegExp(masked.replace(/\*/g, '\\*')));
      assert.ok(!(await page.locator('body').innerText()).includes(newPhone), 'the full phone number is not shown');
      const stored = await api(page, server, 'GET', `/residents/${resident.id}`);
      assert.equal(stored.phone, masked);

      // A wrong check character: the form says so on the ID number item, in Chinese, and sends nothing.
      await row.getByTestId('resident-view').click();
      await waitForText(drawer.getByTestId('detail-name'), name);
      await drawer.getByTestId('resident-edit').click();
      const good = idNumberFor('19600302', '013');
      const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
      let sent = 0;
      page.on('request', (request) => {
        if (request.method() === 'PATCH' && request.url().includes('/api/v1/residents/')) sent += 1;
      });
      await dialog.getByTestId('resident-edit-id-number').fill(wrong);
      await dialog.getByTestId('resident-edit-submit').click();
      const error = dialog.locator('.el-form-item', { has: page.getByTestId('resident-edit-id-number') }).locator('.el-form-item__error');
      await waitForText(error, /身份证号的校验位错误.*校验位是 \S，不是 \S/);
      await page.waitForTimeout(300);
      assert.equal(sent, 0, 'nothing is sent while the form has an error');
      assert.ok(await dialog.isVisible(), 'the dialog stays open');
    });
  });
});
