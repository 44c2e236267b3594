// The registry end to end: the demo community worker adds a building and a household, registers
// a resident (a wrong ID check character is caught in the form first), finds them in the list
// with ID and phone numbers masked, reveals the full ID number in the details drawer, and sees
// them counted in the building's population structure.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, launchChromium, startShequ, waitForText, withPage } from './harness.mjs';

const LIMIT = { timeout: 120_000 };

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) of 17 digits. */
function checkChar(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return '10X98765432'[sum % 11];
}

/** Whole years on today in Asia/Shanghai. */
function ageToday(birth) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

describe('registry UI', () => {
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

  test('worker adds a building, a household and a resident, reveals the ID, sees the population', LIMIT, async (t) => {
    // A synthetic man born 1950-06-15: the 17th digit (1) is odd.
    const first17 = '11010519500615001';
    const idNumber = first17 + checkChar(first17);
    const wrongCheck = first17 + (idNumber.endsWith('0') ? '1' : '0');
    const phone = '13912345678';
    const name = '测试居民';
    const buildingNumber = `E2E-${Date.now() % 100000}号楼`;
    const age = ageToday('1950-06-15');
    const band = age >= 100 ? '100+' : `${age - (age % 5)}-${age - (age % 5) + 4}`;

    await withPage(browser, t.name, async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-name').fill('worker');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${server.url}/`);

      // 人口登记 → 楼栋管理 through the menu.
      await page.getByTestId('menu-registry').click();
      await page.getByTestId('menu-registry-buildings').click();
      await page.waitForURL(/\/registry\/buildings$/);
      await page.getByTestId('buildings-page').waitFor();

      // 新增楼栋.
      await page.getByTestId('buildings-add').click();
      const buildingDialog = page.getByTestId('building-dialog');
      await buildingDialog.getByTestId('building-number').fill(buildingNumber);
      await buildingDialog.getByTestId('building-address').fill('测试路 1 号');
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/buildings') && r.request().method() === 'POST'),
        buildingDialog.getByTestId('building-submit').click(),
      ]);
      assert.equal(created.status(), 201, await created.text());
      const building = await created.json();
      const row = page.getByTestId('buildings-table').locator('.el-table__body tr', { hasText: buildingNumber });
      await row.waitFor();

      // 添加住户 on the building's row; the new household's number is shown.
      await row.getByTestId('building-add-household').click();
      const householdDialog = page.getByTestId('household-dialog');
      await householdDialog.getByTestId('household-room').fill('302');
      const [householdAnswer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/households') && r.request().method() === 'POST'),
        householdDialog.getByTestId('household-submit').click(),
      ]);
      assert.equal(householdAnswer.status(), 201, await householdAnswer.text());
      const household = await householdAnswer.json();
      assert.equal(household.building_id, building.id);
      await waitForText(householdDialog.getByTestId('household-created-id'), String(household.id));

      // 为该住户登记居民: the residents page with the add dialog open for that household.
      await householdDialog.getByTestId('household-add-resident').click();
      await page.waitForURL(/\/registry\/residents/);
      const dialog = page.getByTestId('resident-dialog');
      await dialog.getByTestId('resident-name').waitFor();
      // The building and household selects come prefilled with the new household.
      await waitForText(dialog.getByTestId('resident-building'), new RegExp(buildingNumber));
      await waitForText(dialog.getByTestId('resident-household'), new RegExp(`302.*${household.id}`));
      await dialog.getByTestId('resident-name').fill(name);

      // A wrong check character is caught in the form, in the server's wording.
      await dialog.getByTestId('resident-id-number').fill(wrongCheck);
      await dialog.getByTestId('resident-phone').click();
      await dialog.getByTestId('resident-submit').click();
      await waitForText(dialog.locator('.el-form-item__error').first(), /身份证号的校验位错误.*校验位是 \S，不是 \S/);

      // The right one: birth date and sex read from it.
      await dialog.getByTestId('resident-id-number').fill(idNumber);
      await waitForText(dialog.getByTestId('resident-derived-birth'), '1950-06-15');
      await waitForText(dialog.getByTestId('resident-derived-sex'), '男');
      await dialog.getByTestId('resident-phone').fill(phone);
      const [residentAnswer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/residents') && r.request().method() === 'POST'),
        dialog.getByTestId('resident-submit').click(),
      ]);
      assert.equal(residentAnswer.status(), 201, await residentAnswer.text());
      await dialog.waitFor({ state: 'hidden' });

      // In the list, masked (searched by name: the demo community has residents of its own).
      await page.getByTestId('residents-q').fill(name);
      await page.getByTestId('residents-search').click();
      const residentRow = page.getByTestId('residents-table').locator('.el-table__body tr', { hasText: name });
      await residentRow.waitFor();
      const rowText = await residentRow.innerText();
      assert.ok(rowText.includes(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`), rowText);
      assert.ok(rowText.includes(`${phone.slice(0, 3)}****${phone.slice(-4)}`), rowText);
      assert.ok(rowText.includes(buildingNumber), rowText);
      const pageText = await page.locator('body').innerText();
      assert.ok(!pageText.includes(idNumber), 'the full ID number is not on the page');
      assert.ok(!pageText.includes(phone), 'the full phone number is not on the page');

      // Details: masked, then the full ID number on request.
      await residentRow.getByTestId('resident-view').click();
      const drawer = page.getByTestId('resident-drawer');
      await waitForText(drawer.getByTestId('detail-name'), name);
      await waitForText(drawer.getByTestId('detail-id-number'), `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      await waitForText(drawer, /查看将记入审计日志/);
      await drawer.getByTestId('reveal-id-number').click();
      await waitForText(drawer.getByTestId('detail-id-number'), idNumber);
      await waitForText(drawer.getByTestId('detail-phone'), `${phone.slice(0, 3)}****${phone.slice(-4)}`);
      await page.keyboard.press('Escape');

      // 人口结构 of the new building: one man in his age band.
      await page.goto(`${server.url}/registry/population`);
      await page.getByTestId('population-page').waitFor();
      await page.getByTestId('population-kind-building').click();
      await page.getByTestId('population-building').click();
      const [population] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/buildings/${building.id}/population`)),
        page.locator('.el-select-dropdown__item', { hasText: buildingNumber }).click(),
      ]);
      assert.equal(population.status(), 200);
      const structure = await population.json();
      assert.equal(structure.total, 1);
      const counted = structure.by_age_band.find((b) => b.band === band);
      assert.deepEqual({ male: counted?.male, female: counted?.female }, { male: 1, female: 0 }, band);
      await page.getByTestId('population-chart').locator('canvas').waitFor();
      const total = page.getByTestId('population-total');
      await waitForText(total.locator('.el-statistic__number'), '1');
      assert.equal(await total.getAttribute('data-count'), '1');
      assert.equal(await page.getByTestId('population-age_60_plus').getAttribute('data-count'), age >= 60 ? '1' : '0');
      assert.equal(await page.getByTestId('population-age_80_plus').getAttribute('data-count'), age >= 80 ? '1' : '0');
    });
  });
});
