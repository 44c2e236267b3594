// Batch import of residents through 人口登记 → 批量导入: a file with a bad row is refused with the
// row, the column and the reason in a table, and nothing is stored; the corrected file passes the
// check, is imported, and its residents are in the list and in its CSV export, masked.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, idNumberFor, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 120_000 };

/** One CSV line of `values` (by column name) in the order of `header`. */
function line(header, values) {
  return header.map((column) => values[column] ?? '').join(',');
}

describe('registry import', () => {
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

  test('a bad row is reported and nothing imported; the fixed file is imported', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'worker');
      const tag = runTag();
      const community = await firstCommunity(page, server);
      const { household } = await newHousehold(page, server, community, tag);

      // The columns come from the template, as a user would fill it.
      const template = await page.request.get(`${server.url}/api/v1/imports/residents/template`);
      assert.equal(template.status(), 200);
      const header = (await template.text()).replace(/^\uFEFF/, '').trim().split(',');
      assert.ok(header.includes('household_id') && header.includes('id_number'), header.join(','));

      const first = `导入甲${tag}`;
      const second = `导入乙${tag}`;
      const goodId = idNumberFor('19580101', '031');
      const otherId = idNumberFor('19620505', '051');
      const badId = otherId.slice(0, 17) + (otherId.endsWith('0') ? '1' : '0');
      const rows = (id) => [
        line(header, { household_id: household.id, name: first, id_number: goodId, relation_to_head: 'head' }),
        line(header, { household_id: household.id, name: second, id_number: id, relation_to_head: 'spouse' }),
      ];
      const bad = [header.join(','), ...rows(badId)].join('\r\n') + '\r\n';
      const fixed = [header.join(','), ...rows(otherId)].join('\r\n') + '\r\n';

      // 人口登记 → 批量导入 through the menu.
      await page.getByTestId('menu-registry').click();
      await page.getByTestId('menu-registry-import').click();
      await page.waitForURL(/\/registry\/import$/);
      await page.getByTestId('import-page').waitFor();
      const input = page.getByTestId('import-file').locator('input[type=file]');

      // The bad file: refused at the check, row 3 (the header is row 1) with its reason.
      await input.setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await waitForText(page.getByTestId('import-file-name'), /residents\.csv/);
      const [checked] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/imports/residents') && r.request().method() === 'POST'),
        page.getByTestId('import-check').click(),
      ]);
      assert.equal(checked.status(), 422, await checked.text());
      assert.match(checked.url(), /check_only=true/);
      await waitForText(page.getByTestId('import-refused'), /未导入任何记录/);
      const faultRow = page.getByTestId('import-report').locator('.el-table__body tr').first();
      const faultText = await waitForText(faultRow, /^3\s+id_number\s+/);
      assert.match(faultText, /\*{4,}/, 'the ID number is masked in the report');
      assert.ok(!faultText.includes(badId), 'the full ID number is not echoed');
      assert.equal(await page.getByTestId('import-report').locator('.el-table__body tr').count(), 1);

      // Importing the bad file is refused the same way, and stores nothing.
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/imports/residents') && r.request().method() === 'POST'),
        page.getByTestId('import-submit').click(),
      ]);
      assert.equal(refused.status(), 422);
      await waitForText(page.getByTestId('import-refused'), /1 处错误，未导入任何记录/);
      for (const name of [first, second]) {
        const found = await api(page, server, 'GET', `/residents?q=${encodeURIComponent(name)}`);
        assert.equal(found.total, 0, `${name} was not imported`);
      }

      // The fixed file: the check passes and stores nothing, the import stores both.
      await input.setInputFiles({ name: 'residents-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
      await waitForText(page.getByTestId('import-file-name'), /residents-fixed\.csv/);
      await page.getByTestId('import-check').click();
      await waitForText(page.getByTestId('import-result'), /检查通过/);
      assert.equal((await api(page, server, 'GET', `/residents?q=${encodeURIComponent(first)}`)).total, 0);
      await page.getByTestId('import-submit').click();
      await waitForText(page.getByTestId('import-result'), /导入成功：共导入 2 条记录/);

      // In the residents list.
      await page.getByTestId('menu-registry-residents').click();
      await page.getByTestId('residents-page').waitFor();
      await page.getByTestId('residents-q').fill(second);
      await page.getByTestId('residents-search').click();
      const row = page.getByTestId('residents-table').locator('.el-table__body tr', { hasText: second });
      await row.waitFor();
      assert.ok((await row.innerText()).includes(`${otherId.slice(0, 4)}**********${otherId.slice(-4)}`));

      // 导出 CSV from the list: the imported residents are in it, masked.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('residents-export-csv').click(),
      ]);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const exported = Buffer.concat(chunks).toString('utf8');
      assert.ok(exported.includes(second) && exported.includes(first), 'both imported residents are exported');
      assert.ok(!exported.includes(otherId) && !exported.includes(goodId), 'ID numbers are masked in the export');
    });
  });
});
