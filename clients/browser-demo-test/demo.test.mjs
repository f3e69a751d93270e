// The browser demo page at / of the service in dev mode, driven in Debian's Chromium through
// playwright-core (which never downloads a browser). It starts the packaged jar itself (service.mjs:
// WXLOGIN_SERVER_JAR, CI=true).
//   WXLOGIN_SCREENSHOTS=1  also writes docs/demo-page.png and docs/demo-page-zh.png
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumSkipReason, launchChromium, startService, stopService } from './service.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DOCS = resolve(here, '../../docs');
const SCREENSHOTS = process.env.WXLOGIN_SCREENSHOTS === '1';
const APP_1 = 'wx0000000000000001';
const USER = 'alice';

const skipReason = chromiumSkipReason('the browser demo test');

let service; // {process, base, dataDir, output}
let browser;

before(async () => {
  if (skipReason) {
    return;
  }
  service = await startService();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopService(service);
});

test('the demo page plays a whole login against the simulator', { skip: skipReason ?? false, timeout: 180_000 }, async () => {
  const base = service.base;
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) {
      problems.push(`request off the jar: ${r.url()}`);
    }
  });
  const byTestId = (id) => page.locator(`[data-testid="${id}"]`);
  const text = async (id) => (await byTestId(id).textContent()).trim();

  // the page, from the jar
  const answer = await page.goto(`${base}/`);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-type'], /^text\/html/);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await text('user-id'), '');
  assert.equal(await text('phone'), '');

  // log in: the four steps light up, the user id and the decoded claims show
  await page.fill('#user', USER);
  await page.check(`input[name="app"][value="${APP_1}"]`);
  const loginAnswer = page.waitForResponse((r) => r.url().endsWith('/v1/auth/login'));
  await byTestId('login').click();
  const firstSession = await (await loginAnswer).json();
  await page.waitForFunction(() => /^u_/.test(document.querySelector('[data-testid="user-id"]').textContent));
  const userId = await text('user-id');
  assert.equal(userId, firstSession.user.id);
  for (const step of [1, 2, 3, 4]) {
    await page.waitForSelector(`#step-${step}[data-state="done"]`);
  }
  assert.match(await page.textContent('#step-3 .detail'), /0 → 1/, 'step 3 shows the one code2Session call');
  await page.waitForSelector('#me:not([hidden])');
  const claims = await page.textContent('#jwt-claims');
  assert.ok(claims.includes(userId) && claims.includes('sid') && claims.includes(APP_1), claims);
  assert.match(await page.textContent('#countdown'), /\d\d:\d\d/);
  assert.equal(await text('phone'), '');

  // the replayed code never reaches WeChat
  await page.click('#replay');
  await page.waitForFunction(() => /code_used/.test(document.querySelector('#replay-result').textContent));

  // bind a phone
  const phoneAnswer = page.waitForResponse((r) => r.url().endsWith('/v1/me/phone'));
  await byTestId('bind-phone').click();
  const bound = await (await phoneAnswer).json();
  await page.waitForFunction(() => document.querySelector('[data-testid="phone"]').textContent.trim() !== '');
  assert.match(await text('phone'), /^\d{5,15}$/);
  assert.equal(await text('phone'), bound.phoneNumber);

  // decrypt open data
  await page.click('#decrypt');
  await page.waitForSelector('#open-body:not([hidden])');
  assert.match(await page.textContent('#open-data'), /"nickName": "alice"/);

  // neither the refresh token in full nor any session_key ever shows
  const sim = await json(`${base}/wechat-sim/sim/session?appId=${APP_1}&user=${USER}`);
  const html = await page.content();
  assert.ok(!html.includes(firstSession.refreshToken), 'the refresh token is shown in full');
  assert.ok(!html.includes(sim.sessionKey), 'the session_key is on the page');

  await page.waitForTimeout(200); // let the last step's transition settle
  if (SCREENSHOTS) {
    await page.screenshot({ path: join(DOCS, 'demo-page.png'), fullPage: true });
  }

  // Chinese
  await page.click('#lang-zh');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal((await byTestId('login').textContent()).trim(), '微信登录');
  assert.equal(await page.textContent('#sequence h2'), '登录时序');
  if (SCREENSHOTS) {
    await page.screenshot({ path: join(DOCS, 'demo-page-zh.png'), fullPage: true });
  }

  // refresh: new tokens, the old refresh token spent
  const refreshAnswer = page.waitForResponse((r) => r.url().endsWith('/v1/auth/refresh'));
  await page.click('#refresh');
  const refreshed = await (await refreshAnswer).json();
  assert.notEqual(refreshed.refreshToken, firstSession.refreshToken);
  await page.waitForFunction((token) => document.querySelector('#refresh-token-masked').textContent.endsWith(token.slice(-4)),
    refreshed.refreshToken);

  // a second session (log in once more), then end the other one from the list
  const second = await loginAgain(page, byTestId);
  await page.waitForFunction(() => document.querySelectorAll('#sessions li').length === 2);
  const other = page.locator('#sessions li[data-current="false"] button');
  const endAnswer = page.waitForResponse((r) => r.request().method() === 'DELETE');
  await other.click();
  assert.equal((await endAnswer).status(), 204);
  await page.waitForFunction(() => document.querySelectorAll('#sessions li').length === 1);
  assert.equal(await page.getAttribute('#sessions li', 'data-current'), 'true');
  assert.equal(await text('user-id'), userId, 'the same WeChat user is the same wxlogin user');
  assert.equal(await text('phone'), bound.phoneNumber);
  const ended = await fetch(`${base}/v1/me`, { headers: { Authorization: `Bearer ${refreshed.accessToken}` } });
  assert.equal(ended.status, 401, 'the ended session\'s access token is refused at once');

  // log out: user id and phone empty, and the old token refused at once
  const token = second.accessToken;
  assert.equal(await page.textContent('#jwt-raw'), token);
  await byTestId('logout').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="user-id"]').textContent === '');
  assert.equal(await text('user-id'), '');
  assert.equal(await text('phone'), '');
  await page.waitForFunction(() => /invalid_token/.test(document.querySelector('#message').textContent));
  const me = await fetch(`${base}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status, 401);
  assert.match(me.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal((await me.json()).code, 'invalid_token');

  // and back to English
  await page.click('#lang-en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal((await byTestId('login').textContent()).trim(), 'Log in with WeChat');

  assert.deepEqual(problems, []);
  await context.close();
});

/** Clicks login with the form as it is; the new session, once the page shows it. */
async function loginAgain(page, byTestId) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/auth/login'));
  await byTestId('login').click();
  const response = await answer;
  assert.equal(response.status(), 200);
  const session = await response.json();
  await page.waitForFunction((token) => document.querySelector('#jwt-raw').textContent === token, session.accessToken);
  return session;
}

async function json(url) {
  const r = await fetch(url);
  assert.equal(r.status, 200, `${url}: ${r.status}`);
  return r.json();
}
