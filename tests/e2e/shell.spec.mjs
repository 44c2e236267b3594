// The UI shell end to end: sign in as the demo community worker, read the dashboard, switch the
// language, log out; a wrong password is told in the UI's language; the administrator reads the
// audit log. Runs against a real `shequ serve` (SHEQU_BIN) on a fresh demo database and the
// built UI (web/dist).
//
//   SHEQU_BIN=/abs/path/to/shequ node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, launchChromium, startShequ, waitForText, withPage } from './harness.mjs';

/** Per test: a cold chromium and a debug build of the server can be slow. */
const LIMIT = { timeout: 90_000 };

describe('web UI shell', () => {
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

  /** Fills the sign-in form and submits it; resolves to the answer of POST /auth/login. */
  async function signIn(page, login, password) {
    await page.getByTestId('login-name').fill(login);
    await page.getByTestId('login-password').fill(password);
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST',
      ),
      page.getByTestId('login-submit').click(),
    ]);
    return response;
  }

  test('serves the UI: page paths get index.html, hashed assets are immutable', LIMIT, async () => {
    const deepLink = await fetch(`${server.url}/admin/users`);
    assert.equal(deepLink.status, 200, 'a page path the server does not know must get index.html');
    assert.match(deepLink.headers.get('content-type') ?? '', /text\/html/);
    const html = await deepLink.text();
    assert.match(html, /<div id="app">/);
    assert.doesNotMatch(
      deepLink.headers.get('cache-control') ?? '',
      /immutable/,
      'index.html must not be cached forever',
    );

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'index.html loads a hashed script from /assets/');
    const asset = await fetch(server.url + script);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);

    const unknownApi = await fetch(`${server.url}/api/v1/no-such-route`);
    assert.notEqual(unknownApi.status, 200, 'an unknown /api/ path must not get index.html');
  });

  test('worker signs in, reads the dashboard, switches to English, logs out', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      // Not signed in: the sign-in page, in Chinese by default.
      await page.goto(server.url);
      await page.waitForURL(/\/login$/);
      await waitForText(page.getByTestId('login-title'), '登录');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');

      const response = await signIn(page, 'worker', DEMO_PASSWORD);
      assert.equal(response.status(), 200, await response.text());

      // The dashboard with real counts of the worker's community.
      await page.waitForURL(`${server.url}/`);
      const communities = page.getByTestId('count-communities');
      await waitForText(communities.getByTestId('count-label'), '社区');
      const shown = await communities.locator('.el-statistic__number').innerText();
      const count = Number(shown.replace(/[^\d]/g, ''));
      assert.ok(count >= 1, `communities card shows ${JSON.stringify(shown)}`);
      await waitForText(page.getByTestId('dashboard-scope'), /^社区：\S+/);
      const scopeKind = await page.getByTestId('dashboard-scope').getAttribute('data-scope-kind');
      assert.equal(scopeKind, 'community');
      assert.ok((await page.getByTestId('user-display-name').innerText()).trim() !== '');

      // The module menu, without 系统管理 (administrators only); a module not built yet says
      // what it will hold.
      await waitForText(page.getByTestId('menu-registry'), '人口登记');
      assert.equal(await page.getByTestId('menu-admin').count(), 0, 'no 系统管理 for a worker');
      assert.equal(await page.getByTestId('menu-admin-users').count(), 0);
      await page.getByTestId('menu-childcare').click();
      await page.getByTestId('module-planned-childcare').waitFor();
      await waitForText(page.getByTestId('breadcrumb'), /首页\s*\/\s*一小 · 托育服务/);

      // A community worker is no administrator: the users page says so. Loaded by its address,
      // which also checks the server answers page paths with index.html.
      await page.goto(`${server.url}/admin/users`);
      await page.getByTestId('users-forbidden').waitFor();
      await waitForText(page.getByTestId('users-forbidden'), /无权访问/);
      await page.goto(`${server.url}/admin/audit`);
      await waitForText(page.getByTestId('audit-forbidden'), /无权访问/);
      assert.equal(await page.getByTestId('menu-admin').count(), 0);
      await page.getByTestId('menu-dashboard').click();
      await page.getByTestId('count-communities').waitFor();

      // Switch to English: labels change, and the choice survives a reload.
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('lang-option-en').click();
      await waitForText(communities.getByTestId('count-label'), 'Communities');
      await waitForText(page.getByTestId('menu-registry'), 'Registry');
      await waitForText(page.getByTestId('lang-switch'), 'English');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.reload();
      await waitForText(communities.getByTestId('count-label'), 'Communities');
      await waitForText(page.getByTestId('dashboard-scope'), /^Community: \S+/);

      // Log out: back at the sign-in page (still in English), and the session is gone.
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);
      await waitForText(page.getByTestId('login-title'), 'Sign in');
      await page.goto(server.url);
      await page.waitForURL(/\/login$/);
      await page.getByTestId('login-form').waitFor();
    });
  });

  test('a wrong password is told in the language of the UI', LIMIT, async (t) => {
    await withPage(browser, t.name, async (page) => {
      await page.goto(`${server.url}/login`);
      const response = await signIn(page, 'worker', 'not-the-password');
      assert.equal(response.status(), 401);
      const body = await response.json();
      assert.equal(body.error?.code, 'unauthenticated');
      assert.ok(body.error?.message, 'the 401 carries a message');

      // The server speaks English; the UI says it in Chinese, and in English after a switch.
      const alert = page.getByTestId('login-error');
      await waitForText(alert, '用户名或密码错误');
      assert.match(page.url(), /\/login$/);
      assert.equal(await page.getByTestId('login-password').inputValue(), '', 'password cleared');

      await page.getByTestId('lang-switch').click();
      await page.getByTestId('lang-option-en').click();
      await waitForText(page.getByTestId('login-title'), 'Sign in');
      await waitForText(alert, 'Wrong login or password');
    });
  });

  test('the administrator reads the audit log, filtered by action', LIMIT, async (t) => {
    // A failed sign-in of its own, so the filter below has something to find.
    const failed = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'planner', password: 'not-the-password' }),
    });
    assert.equal(failed.status, 401);

    await withPage(browser, t.name, async (page) => {
      await page.goto(`${server.url}/login`);
      const response = await signIn(page, 'admin', DEMO_PASSWORD);
      assert.equal(response.status(), 200, await response.text());
      await page.waitForURL(`${server.url}/`);

      // 系统管理 is there for the administrator, with 审计日志 under it.
      await waitForText(page.getByTestId('menu-admin'), /系统管理/);
      await page.getByTestId('menu-admin').click();
      await page.getByTestId('menu-admin-audit').click();
      await page.waitForURL(/\/admin\/audit$/);
      await waitForText(page.getByTestId('breadcrumb'), /首页\s*\/\s*系统管理\s*\/\s*审计日志/);

      // Newest first: the administrator's own sign-in, named in Chinese, its time formatted.
      const table = page.getByTestId('audit-table');
      const firstRow = table.locator('.el-table__body tr').first();
      await waitForText(firstRow, /登录/);
      const actions = table.getByTestId('audit-row-action');
      assert.equal(await actions.first().getAttribute('data-action'), 'session.login');
      assert.match(await firstRow.innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
      assert.match(await firstRow.innerText(), /admin/);
      await waitForText(page.getByTestId('audit-shown'), /^已显示 \d+ 条$/);
      await waitForText(page.getByTestId('audit-search'), '查询');

      // Only failed sign-ins.
      await page.getByTestId('audit-action').fill('session.login_failed');
      const [answer] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/api/v1/audit?') && r.url().includes('action=session.login_failed'),
        ),
        page.getByTestId('audit-search').click(),
      ]);
      assert.equal(answer.status(), 200);
      const filtered = await answer.json();
      assert.ok(filtered.entries.length >= 1, 'the failed sign-in above is in the log');
      await waitForText(
        page.getByTestId('audit-shown'),
        filtered.entries.length >= 100 ? /^已显示 \d+ 条$/ : `已显示 ${filtered.entries.length} 条`,
      );
      const shown = await actions.evaluateAll((nodes) => nodes.map((node) => node.dataset.action));
      assert.ok(shown.length >= 1);
      assert.deepEqual([...new Set(shown)], ['session.login_failed']);
      await waitForText(table.locator('.el-table__body tr').first(), /登录失败/);
      await waitForText(table, /planner/);
      await waitForText(table, /账号不存在|密码错误/);
    });
  });
});
