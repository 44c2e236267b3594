// The time bank, end to end: the community worker creates an activity in the browser; the
// volunteer signs up for it on "my time bank"; the worker ticks their attendance, which credits
// the activity's hours; the volunteer sees the hours in their statement; the trial balance still
// totals 0 and the cached balances agree with the ledger lines.
//
// The volunteer needs a login linked to a registry entry. The demo `volunteer` login is used when
// it is linked (the demo's eldercare data links it, with hours already earned, so the test counts
// from their balance before); without a link — the API links only new logins, POST
// /residents/{id}/account — the worker registers a volunteer and gives them a login in set-up,
// as a worker would.
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/timebank.spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, launchChromium, startShequ, waitForText, withPage } from './harness.mjs';
import { api, firstCommunity, newHousehold, runTag, signIn } from './registry_fixtures.mjs';

const LIMIT = { timeout: 180_000 };

/** Minutes as the UI shows hours: 90 → "1.5", 120 → "2". */
function hours(minutes) {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** A date in Asia/Shanghai, `days` from today, as YYYY-MM-DD. */
function shanghaiDate(days = 0) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

async function signInAs(page, server, login, password) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}/`);
}

describe('time bank', () => {
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

  test('a volunteer signs up, attends, and the hours arrive in the ledger', LIMIT, async (t) => {
    const tag = runTag();
    const title = `助老读报${tag}`;

    // Set-up: who the volunteer is (the demo login when linked, else a new one).
    let volunteer = { login: 'volunteer', password: DEMO_PASSWORD, name: '', before: 0 };
    await withPage(browser, `${t.name} (check volunteer)`, async (page) => {
      await signIn(page, server, 'volunteer');
      const answer = await page.request.get(`${server.url}/api/v1/my/timebank`);
      if (answer.status() === 200) {
        const mine = await answer.json();
        volunteer.name = mine.name;
        volunteer.before = mine.balance_minutes;
      } else {
        volunteer = undefined;
      }
    });

    await withPage(browser, `${t.name} (worker)`, async (worker) => {
      await signIn(worker, server, 'worker');
      if (!volunteer) {
        const community = await firstCommunity(worker, server);
        const { household } = await newHousehold(worker, server, community, tag);
        const name = `志愿者${tag}`;
        const resident = await api(worker, server, 'POST', '/residents', {
          household_id: household.id,
          name,
          sex: 'female',
          birth_date: '1968-05-04',
          relation_to_head: 'head',
        });
        volunteer = { login: `vol-${tag}`, password: `Vol-${tag}-pw!`, name, before: 0 };
        await api(worker, server, 'POST', `/residents/${resident.id}/account`, {
          login: volunteer.login,
          password: volunteer.password,
        });
      }

      // The worker creates tomorrow's activity, 1.5 hours credited to each attendee.
      await worker.goto(`${server.url}/eldercare/timebank`);
      const activities = worker.getByTestId('timebank-activities');
      await activities.waitFor();
      await activities.getByTestId('activity-title').fill(title);
      await activities.getByTestId('activity-start').fill('09:00');
      await activities.getByTestId('activity-end').fill('11:00');
      await activities.getByTestId('activity-credit').fill('1.5');
      const [created] = await Promise.all([
        worker.waitForResponse((r) => r.url().endsWith('/api/v1/timebank/activities') && r.request().method() === 'POST'),
        activities.getByTestId('activity-create').click(),
      ]);
      assert.equal(created.status(), 201, await created.text());
      const activity = await created.json();
      assert.equal(activity.credit_minutes, 90);
      assert.equal(activity.starts_at.slice(0, 16), `${shanghaiDate(1)}T09:00`);
      const row = activities.getByTestId('activities-table').locator('.el-table__body tr', { hasText: title });
      await row.waitFor();

      // The volunteer signs up on their own page.
      await withPage(browser, `${t.name} (volunteer signs up)`, async (page) => {
        await signInAs(page, server, volunteer.login, volunteer.password);
        await page.goto(`${server.url}/eldercare/timebank`);
        const mine = page.getByTestId('timebank-mine');
        await waitForText(mine.getByTestId('my-balance'), `${hours(volunteer.before)} 小时`);
        const card = mine.getByTestId('my-activity').filter({ hasText: title });
        await card.waitFor();
        const [signed] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(`/api/v1/timebank/activities/${activity.id}/signups`) && r.request().method() === 'POST'),
          card.getByTestId('my-activity-signup').click(),
        ]);
        assert.equal(signed.status(), 201, await signed.text());
        await waitForText(card.getByTestId('my-activity-signed'), /已报名/);
      });

      // The worker opens the sign-ups and ticks attendance: 1.5 h credited.
      await row.getByTestId('activity-open').click();
      const drawer = worker.getByTestId('signups-drawer');
      const signup = drawer.getByTestId('signups-table').locator('.el-table__body tr', { hasText: volunteer.name });
      await signup.waitFor();
      await waitForText(signup.getByTestId('signup-state'), '未签到');
      const [attended] = await Promise.all([
        worker.waitForResponse((r) => r.url().endsWith(`/api/v1/timebank/activities/${activity.id}/attendance`)),
        signup.getByTestId('signup-attend').click(),
      ]);
      assert.equal(attended.status(), 200, await attended.text());
      const credit = await attended.json();
      assert.equal(credit.credited_now, true);
      assert.equal(credit.balance_minutes, volunteer.before + 90);
      await waitForText(signup.getByTestId('signup-state'), '已到场');
      assert.equal(await signup.getByTestId('signup-attend').count(), 0, 'no second credit offered');
      await worker.keyboard.press('Escape');

      // The volunteer sees the hours in their statement.
      await withPage(browser, `${t.name} (volunteer statement)`, async (page) => {
        await signInAs(page, server, volunteer.login, volunteer.password);
        await page.goto(`${server.url}/eldercare/timebank`);
        const mine = page.getByTestId('timebank-mine');
        const after = hours(volunteer.before + 90);
        await waitForText(mine.getByTestId('my-balance'), `${after} 小时`);
        const entry = mine.getByTestId('statement-entry').filter({ hasText: title });
        await waitForText(entry.getByTestId('statement-minutes'), '+1.5 小时');
        assert.match(await entry.innerText(), /参加活动/);
        assert.ok((await entry.innerText()).includes(`余额 ${after} 小时`), 'the balance after the credit');
      });

      // The trial balance: every account from the ledger lines, total 0, the cache agrees.
      await worker.locator('#tab-trial').click();
      const trial = worker.getByTestId('timebank-trial');
      await waitForText(trial.getByTestId('trial-total'), '0 分钟');
      await waitForText(trial.getByTestId('trial-cache'), /✓/);
      await waitForText(trial.getByTestId('trial-health'), /试算平衡/);
      const rows = trial.getByTestId('trial-table').locator('.el-table__body tr');
      await waitForText(rows.filter({ hasText: volunteer.name }).first(), new RegExp(`\\b${volunteer.before + 90} 分钟`));
      await waitForText(rows.filter({ hasText: '社区发行账户' }), /-\d+ 分钟/);
      const balance = await api(worker, server, 'GET', '/timebank/trial-balance');
      assert.equal(balance.total_minutes, 0);
      assert.equal(balance.cache_agrees, true);
    });
  });
});
