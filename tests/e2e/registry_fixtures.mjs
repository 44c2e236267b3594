// What the registry's browser tests share: signing in through the page, calls to the API with the
// page's session (the browser context's cookies), and places to work in that the tests find in
// the demo data or create when it lacks them, so they do not depend on its names or size.
import assert from 'node:assert/strict';

import { DEMO_PASSWORD } from './harness.mjs';

/** Signs in through the sign-in page as `login` (a demo account) and waits for the home page. */
export async function signIn(page, server, login) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}/`);
}

/**
 * Calls the API with the page's session; returns the parsed body, failing on an unexpected status.
 * `expected` is the status wanted (200 by default).
 */
export async function api(page, server, method, path, body, expected = method === 'POST' ? 201 : 200) {
  const response = await page.request.fetch(`${server.url}/api/v1${path}`, {
    method,
    data: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  });
  const text = await response.text();
  assert.equal(response.status(), expected, `${method} ${path}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) of 17 digits. */
export function checkChar(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return '10X98765432'[sum % 11];
}

/** A valid ID number born on `birth` (YYYYMMDD), `serial` 3 digits; the 17th digit odd: a man. */
export function idNumberFor(birth, serial) {
  const first17 = `110105${birth}${serial}`;
  return first17 + checkChar(first17);
}

/** A suffix that keeps names made by one run apart from another's. */
export function runTag() {
  return `${Date.now() % 1_000_000}`;
}

/** The first community in the signed-in user's scope. */
export async function firstCommunity(page, server) {
  const { communities } = await api(page, server, 'GET', '/communities');
  assert.ok(communities.length > 0, 'the demo has a community in the worker’s scope');
  return communities[0];
}

/** A new building with one household in `community`, named with `tag`. */
export async function newHousehold(page, server, community, tag, extra = {}) {
  const building = await api(page, server, 'POST', '/buildings', {
    community_id: community.id,
    number: `E2E-${tag}号楼`,
    address: `测试路 ${tag} 号`,
    floors: 6,
    ...extra,
  });
  const household = await api(page, server, 'POST', '/households', {
    building_id: building.id,
    unit: '1',
    floor: 3,
    room: '301',
  });
  return { building, household };
}
