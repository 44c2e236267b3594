// The community worker's eldercare pages: from 老人档案 to an elder's file (一人一档), where the
// latest ability grade and an alert are shown; and an ability assessment filled in by clicking
// through every GB/T 42195-2022 item, with the grade the server computed shown at the end.
//
//   SHEQU_BIN=/abs/path/to/shequ SHEQU_WEB_ROOT=/abs/dist node --test tests/e2e/eldercare.spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, idNumberFor, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 180_000 };

/** An elder of 82 in a new household of the worker's community. */
async function newElder(page, server, tag, name, serial) {
  const community = await firstCommunity(page, server);
  const { household } = await newHousehold(page, server, community, tag);
  return api(page, server, 'POST', '/residents', {
    household_id: household.id,
    name,
    birth_date: '1944-03-02',
    id_number: idNumberFor('19440302', serial),
    tags: ['living_alone'],
  });
}

describe('eldercare: the worker’s elder files and assessments', () => {
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

  test('worker opens an elder’s file from the list and sees the latest grade and an alert', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'worker');
      const tag = runTag();
      const name = `档案${tag}`;
      const elder = await newElder(page, server, tag, name, '011');

      // An assessment filed long ago (set-up a worker would have done then): B.1.x scored 2, every
      // other item 1 → 8×2 + 18×1 = 34, grade 3 (30–45); due again 6 months later, so overdue now.
      const form = await api(page, server, 'GET', '/assessments/form');
      assert.equal(form.items.length, 26);
      const items = Object.fromEntries(form.items.map((i) => [i.code, i.dimension === 'B.1' ? 2 : 1]));
      const filed = await api(page, server, 'POST', '/assessments', {
        resident_id: elder.id,
        assessed_on: '2025-01-15',
        items,
        conditions: { coma: false, dementia: false, psychiatric: false, risk_events_30d: 0 },
      });
      assert.equal(filed.total, 34);
      assert.equal(filed.grade, 3);

      // 老人档案: find them by name; the row shows the grade and the alerts.
      await page.goto(`${server.url}/eldercare/elders`);
      await page.getByTestId('elders-page').waitFor();
      await page.getByTestId('elders-q').fill(name);
      await page.getByTestId('elders-search').click();
      const row = page.getByTestId('elders-table').locator('.el-table__body tr', { hasText: name });
      await row.waitFor();
      await waitForText(row.getByTestId('elder-grade'), /^3 级/);
      await waitForText(row.getByTestId('elder-alerts'), /[1-9]\d* 条/);

      // The file: the latest grade, the total, and the overdue reassessment among the alerts.
      await row.getByTestId('elder-open').click();
      await page.waitForURL(`${server.url}/eldercare/elders/${elder.id}`);
      await waitForText(page.getByTestId('elder-file-name'), name);
      await waitForText(page.getByTestId('file-latest-grade'), new RegExp(`^3 级 ${filed.grade_name}$`));
      await waitForText(page.getByTestId('file-assessment'), /总分 34 \/ 90/);
      const alerts = page.getByTestId('elder-file-alert');
      await alerts.first().waitFor();
      const texts = await alerts.allInnerTexts();
      assert.ok(
        texts.some((text) => /【关注】能力复评已逾期\d+天（应于2025-07-15复评）/.test(text)),
        `an overdue-reassessment alert with its severity in words: ${JSON.stringify(texts)}`,
      );
      // Colour is not the only signal: each alert has an icon too.
      assert.ok((await alerts.first().locator('.el-alert__icon, .el-icon').count()) > 0, 'the alert has an icon');
    });
  });

  test('worker fills an ability assessment and sees the grade the server computed', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await signIn(page, server, 'worker');
      const tag = runTag();
      const name = `评估${tag}`;
      const elder = await newElder(page, server, `${tag}b`, name, '031');
      const form = await api(page, server, 'GET', '/assessments/form');

      await page.goto(`${server.url}/eldercare/elders/${elder.id}`);
      await waitForText(page.getByTestId('elder-file-name'), name);
      await page.getByTestId('file-new-assessment').click();
      const dialog = page.locator('.el-dialog', { has: page.getByTestId('assessment-form') });
      await dialog.getByTestId('assessment-item-B.1.1').waitFor();

      // Score every item 2 (an item whose maximum is lower: its maximum), all but the last one.
      const score = (item) => Math.min(2, item.max_score);
      const [last, ...rest] = [...form.items].reverse();
      for (const item of rest.reverse()) {
        await dialog.getByTestId(`assessment-score-${item.code}-${score(item)}`).click();
      }
      // The live sums follow: B.1 is 8 items × 2.
      await waitForText(dialog.getByTestId('assessment-sum-B.1'), /^B\.1 16\/32/);

      // Submitting with one item unanswered is stopped at that item, and nothing is sent.
      let sent = 0;
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/api/v1/assessments')) sent += 1;
      });
      await dialog.getByTestId('assessment-submit').click();
      const lastError = dialog.getByTestId(`assessment-item-${last.code}`).locator('.el-form-item__error');
      await waitForText(lastError, '请评定此项');
      assert.equal(sent, 0, 'an incomplete form is not sent');

      // Answer it; diagnosed dementia raises the grade by one.
      await dialog.getByTestId(`assessment-score-${last.code}-${score(last)}`).click();
      await dialog.getByTestId('assessment-condition-dementia').getByText('是', { exact: true }).click();
      const expectedTotal = form.items.reduce((sum, item) => sum + score(item), 0);
      // By hand: B.1 8×2, B.2 4×2, B.3 6×2 + 1 + 1 + 2 (攻击行为 and 抑郁症状 max 1), B.4 5×2.
      assert.equal(expectedTotal, 16 + 8 + 16 + 10);
      await waitForText(dialog.getByTestId('assessment-live'), /当前总分 50 \/ 90/);

      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/assessments') && r.request().method() === 'POST'),
        dialog.getByTestId('assessment-submit').click(),
      ]);
      assert.equal(response.status(), 201, await response.text());
      const created = await response.json();
      // 50 is grade 2 (46–65); dementia raises it to 3.
      assert.equal(created.total, 50);
      assert.equal(created.initial_grade, 2);
      assert.equal(created.grade, 3);
      await waitForText(dialog.getByTestId('assessment-result-grade'), new RegExp(`^3 级 ${created.grade_name}$`));
      await waitForText(dialog.getByTestId('assessment-result-total'), '总分 50 / 90');
      await waitForText(dialog.getByTestId('assessment-result-adjustment'), /确诊认知障碍\/痴呆：提高一级/);

      // Closing the dialog: the file shows the new grade.
      await dialog.getByTestId('assessment-result-close').click();
      await waitForText(page.getByTestId('file-latest-grade'), new RegExp(`^3 级 ${created.grade_name}$`));
    });
  });
});
