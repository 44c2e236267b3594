// What every browser test needs: a `shequ` server on a fresh demo database, a headless Debian
// chromium driven by playwright-core (from web/node_modules), and a screenshot when a test fails.
//
// Environment:
//   SHEQU_BIN       absolute path of the `shequ` binary (required)
//   SHEQU_WEB_ROOT  the built UI (default: <repo>/web/dist, made by `npm run build` in web/)
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_PASSWORD = 'e2e-Passw0rd!';
const DEMO_OSM = join(REPO, '..', 'shared', 'data', 'monaco-2016.osm.pbf');

const { chromium } = createRequire(join(REPO, 'web', 'package.json'))('playwright-core');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Creates a demo database in a temp dir and starts `shequ serve` on a free port.
 * Resolves to { url, stop() }; stop() ends the server (SIGTERM) and removes the temp dir.
 * `importOsm`: also `shequ import osm` the demo extract (the walking network the planning pages
 * need; a few seconds more, so only the specs that use it ask).
 * `demoEldercare`: keep the demo's eldercare history (canteen, visits, volunteers); left out by
 * default so that a spec starts from empty eldercare pages and sets up what it is about.
 */
export async function startShequ({ importOsm = false, demoEldercare = false } = {}) {
  const bin = process.env.SHEQU_BIN;
  if (!bin) throw new Error('SHEQU_BIN is not set: point it at the shequ binary (absolute path)');
  if (!existsSync(bin)) throw new Error(`SHEQU_BIN=${bin} does not exist`);
  const webRoot = process.env.SHEQU_WEB_ROOT || join(REPO, 'web', 'dist');
  if (!existsSync(join(webRoot, 'index.html'))) {
    throw new Error(`no index.html in ${webRoot}: run \`npm run build\` in web/ first`);
  }

  const dir = await mkdtemp(join(tmpdir(), 'shequ-e2e-'));
  const db = `sqlite:${join(dir, 'shequ.db')}`;
  const keyFile = join(dir, 'shequ.key');
  try {
    await promisify(execFile)(
      bin,
      // The demo street on the Monaco extract at 2% of its population: every ward and building,
      // a database in seconds.
      ['init', '--demo', '--db', db, '--key-file', keyFile, '--demo-password', DEMO_PASSWORD,
        '--demo-osm', DEMO_OSM, '--demo-scale', '0.02',
        ...(demoEldercare ? [] : ['--no-demo-eldercare'])],
      { timeout: 120_000 },
    );
    if (importOsm) {
      await promisify(execFile)(bin, ['import', 'osm', DEMO_OSM, '--db', db, '--key-file', keyFile], {
        timeout: 120_000,
      });
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    throw new Error(`shequ init failed: ${error.message}\n${output}`);
  }

  const server = spawn(
    bin,
    ['serve', '--db', db, '--key-file', keyFile, '--web-root', webRoot, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Settles when the process ends, or could not start at all (no such file, not executable).
  const exited = new Promise((resolve) => {
    server.once('exit', (code, signal) => resolve(`exit ${code ?? signal}`));
    server.once('error', (error) => resolve(`error ${error.message}`));
  });
  // The last lines of output, for the error message when something goes wrong. Both streams are
  // read to the end so a chatty server never blocks on a full pipe.
  const output = [];
  let announce;
  const announced = new Promise((resolve) => (announce = resolve));
  for (const stream of [server.stdout, server.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) announce(match[1]);
    });
  }

  // Should this process die without running its after hooks, the server must not outlive it.
  const killOnExit = () => server.kill('SIGTERM');
  process.once('exit', killOnExit);

  async function stop() {
    process.off('exit', killOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  }

  let timer;
  const url = await Promise.race([
    announced,
    exited,
    new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), START_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!url.startsWith('http://')) {
    await stop();
    throw new Error(
      `shequ serve did not announce "listening on http://127.0.0.1:PORT" (${url})\n` +
        output.join('\n'),
    );
  }
  return { url, stop };
}

/** A headless Debian chromium with a fresh temporary profile. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Runs `body(page)` in a new browser context (own cookies and storage). When it throws, saves a
 * screenshot to build/e2e-screenshots/<name>.png (name: the test's name, made file-safe) before
 * passing the error on. Uncaught errors in the page fail the test too.
 */
export async function withPage(browser, name, body) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  try {
    await body(page);
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

/**
 * Waits until the locator's visible text equals `expected` (a string) or matches it (a RegExp),
 * and returns the text. Fails with the last text seen. playwright-core has no `expect`.
 */
export async function waitForText(locator, expected, timeout = 15_000) {
  const matches = (text) => (expected instanceof RegExp ? expected.test(text) : text === expected);
  const deadline = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = (await locator.innerText({ timeout: Math.max(1, deadline - Date.now()) })).trim();
    if (matches(text)) return text;
    if (Date.now() > deadline) {
      throw new Error(`expected ${locator} to read ${expected}, it reads ${JSON.stringify(text)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
