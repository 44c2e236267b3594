// What the eldercare browser tests (长辈版, the caregiver's day) share: dates in Asia/Shanghai as
// the server counts them, and a context of their own (a phone-sized viewport, a granted
// geolocation), with the harness's screenshot on failure.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { REPO } from './harness.mjs';

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Now in Asia/Shanghai: { date: "YYYY-MM-DD", minutes since midnight }. */
export function shanghaiNow(now = new Date()) {
  const part = Object.fromEntries(shanghai.formatToParts(now).map(({ type, value }) => [type, value]));
  return { date: `${part.year}-${part.month}-${part.day}`, minutes: Number(part.hour) * 60 + Number(part.minute) };
}

/** `date` moved by `days`. */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday, 1 Monday … 7 Sunday. */
export function isoWeekday(date) {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Minutes since midnight as "HH:MM". */
export function clock(minutes) {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Like the harness's withPage, with the context options given (viewport, geolocation,
 * permissions): runs `body(page, context)`, saves a screenshot when it throws, fails on errors in
 * the page.
 */
export async function withContext(browser, name, options, body) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  try {
    await body(page, context);
    if (pageErrors.length) throw new Error(`errors in the page:\n${pageErrors.join('\n')}`);
  } catch (error) {
    const dir = join(REPO, 'build', 'e2e-screenshots');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    error.message += `\n(screenshot: ${file})`;
    throw error;
  } finally {
    await context.close();
  }
}

/** Signs in through the sign-in page with a login and password, and waits for the home page. */
export async function signInAs(page, server, login, password) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}/`);
}
