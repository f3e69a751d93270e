// The dev-mode API reference at /docs/api, rendered in Debian's Chromium: Swagger UI from the jar
// draws the service's own /openapi.yaml, under the pages' Content-Security-Policy, and no request
// leaves 127.0.0.1. It starts the packaged jar itself (service.mjs: WXLOGIN_SERVER_JAR, CI=true).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSkipReason, launchChromium, startService, stopService } from './service.mjs';

const skipReason = chromiumSkipReason('the API reference page test');

let service;
let browser;

before(async () => {
  if (skipReason) {
    return;
  }
  service = await startService('127.0.0.1');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopService(service);
});

test('the API reference renders the served description from the jar alone', { skip: skipReason ?? false, timeout: 120_000 }, async () => {
  const base = service.base;
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
  // Every violation of the page's policy, seen from inside the page (an init script is not subject to it).
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      problems.push(`console error: ${m.text()}`);
    }
  });

  const answer = await page.goto(`${base}/docs/api`);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-security-policy'], /default-src 'none'/);
  await page.waitForSelector('body[data-ready="true"]');

  // the operations of the served description, rendered
  const login = page.locator('.opblock-summary-path[data-path="/v1/auth/login"]');
  await login.first().waitFor();
  assert.ok(await login.first().isVisible(), 'POST /v1/auth/login is shown');
  const served = await (await fetch(`${base}/openapi.yaml`)).text();
  const documented = [...served.matchAll(/^  (\/[^:]*):$/gm)].map((m) => m[1]);
  const shown = await page.locator('.opblock-summary-path').evaluateAll((nodes) => nodes.map((n) => n.dataset.path));
  assert.deepEqual([...new Set(shown)].sort(), [...new Set(documented)].sort(), 'every documented path is shown');
  assert.equal(await page.locator('.opblock-post .opblock-summary-path[data-path="/v1/auth/login"]').count(), 1);
  assert.match(await page.locator('.info .title').textContent(), /wxlogin/);

  // one operation opened: its description and responses render
  await login.first().click();
  await page.locator('.opblock.is-open .responses-wrapper').first().waitFor();
  assert.match(await page.locator('.opblock.is-open').first().textContent(), /code_used/);

  // nothing but this service, and nothing the policy had to stop
  assert.ok(requests.length > 0);
  const offHost = requests.filter((url) => new URL(url).hostname !== '127.0.0.1' && !url.startsWith('data:'));
  assert.deepEqual(offHost, [], 'requests that left 127.0.0.1');
  assert.ok(requests.includes(`${base}/openapi.yaml`), 'the page read /openapi.yaml');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'Content-Security-Policy violations');
  assert.deepEqual(problems, []);
  await context.close();
});
