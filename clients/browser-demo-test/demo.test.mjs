// The browser demo page at / of the service in dev mode, driven in Debian's Chromium through
// playwright-core (which never downloads a browser). It starts the packaged jar itself (service.mjs:
// WXLOGIN_SERVER_JAR, CI=true).
//   WXLOGIN_SCREENSHOTS=1  also writes docs/demo-page.png and docs/demo-page-zh.png (the linking story's
//                          end: one user with a WeChat and a Douyin identity)
//   WXLOGIN_SCREENSHOTS_DIR  writes them there instead of docs/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumSkipReason, launchChromium, startService, stopService } from './service.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DOCS = resolve(process.env.WXLOGIN_SCREENSHOTS_DIR || join(here, '../../docs'));
const SCREENSHOTS = process.env.WXLOGIN_SCREENSHOTS === '1';
const APP_1 = 'wx0000000000000001';
const APP_2 = 'wx0000000000000002';
const APP_3 = 'wx0000000000000003';
const USER = 'alice';

/** What each platform's sequence shows (API.md "Platforms"): step 1, step 3, the third lane, the button. */
const EXPECTED = {
  wechat: { step1: 'wx.login() → code', step3: 'GET /sns/jscode2session', lane: 'WeChat', laneZh: '微信' },
  qq: { step1: 'qq.login() → code', step3: 'GET /sns/jscode2session', lane: 'QQ', laneZh: 'QQ' },
  douyin: {
    step1: 'tt.login() → code + anonymousCode', step3: 'POST /api/apps/v2/jscode2session', lane: 'Douyin', laneZh: '抖音',
  },
  alipay: {
    step1: "my.getAuthCode({scopes:'auth_base'}) → authCode", step3: /^alipay\.system\.oauth\.token/, lane: 'Alipay',
    laneZh: '支付宝',
  },
  kuaishou: { step1: 'ks.login() → code', step3: 'POST /oauth2/mp/code2session', lane: 'Kuaishou', laneZh: '快手' },
  baidu: { step1: 'swan.getLoginCode() → code', step3: 'POST /oauth/jscode2sessionkey', lane: 'Baidu', laneZh: '百度' },
  wecom: {
    step1: 'wx.qy.login() → code', step3: 'GET /cgi-bin/miniprogram/jscode2session', lane: 'WeCom', laneZh: '企业微信',
  },
};

/** Platforms whose client gives no phone proof the service takes: the phone button is off and says why. */
const NO_PHONE = { qq: /QQ gives no phone number/, wecom: /WeCom gives no phone number/ };

const skipReason = chromiumSkipReason('the browser demo test');

let service; // {process, base, dataDir, output}
let browser;
let apps; // what the page is told: [{appId, platform, group}]

before(async () => {
  if (skipReason) {
    return;
  }
  service = await startService();
  browser = await launchChromium();
  apps = (await json(`${service.base}/demo/apps.json`)).apps;
});

after(async () => {
  await browser?.close();
  await stopService(service);
});

const platformsServed = () => [...new Set(apps.map((a) => a.platform))];

test('the demo page plays a whole login against the simulator', { skip: skipReason ?? false, timeout: 180_000 }, async () => {
  const base = service.base;
  const { context, page, problems, byTestId, text } = await openPage();

  // the page, from the jar
  const answer = await page.goto(`${base}/`);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-type'], /^text\/html/);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await text('user-id'), '');
  assert.equal(await text('phone'), '');

  // the platforms and apps offered are the ones the server lists, WeChat's first
  const offered = await page.$$eval('input[name="platform"]', (inputs) => inputs.map((i) => i.value));
  assert.deepEqual([...offered].sort(), [...platformsServed()].sort());
  assert.equal(offered[0], 'wechat');
  const wechatApps = await page.$$eval('input[name="app"]', (inputs) => inputs.map((i) => i.value));
  assert.deepEqual(wechatApps, apps.filter((a) => a.platform === 'wechat').map((a) => a.appId));

  // log in: the four steps light up, the user id and the decoded claims show
  await page.fill('#user', USER);
  await page.check(`input[name="app"][value="${APP_1}"]`);
  assert.equal((await byTestId('login').textContent()).trim(), 'Log in with WeChat');
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
  // one identity: this app's, the one this page came through
  await page.waitForSelector(`#identities tr[data-app-id="${APP_1}"][data-current="true"]`);
  assert.equal(await page.locator('#identities tr').count(), 1);

  // the replayed code never reaches WeChat
  await page.click('#replay');
  await page.waitForFunction(() => /code_used/.test(document.querySelector('#replay-result').textContent));
  assert.match(await page.textContent('#replay-result'), /WeChat was not called again/);

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

  // Chinese
  await page.click('#lang-zh');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal((await byTestId('login').textContent()).trim(), '微信登录');
  assert.equal(await page.textContent('#sequence h2'), '登录时序');
  assert.equal(await page.textContent('#lane-platform-name'), '微信');
  assert.equal(await page.textContent('#identities-panel h2'), '身份');

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
  assert.equal(await page.locator('#identities tr').count(), 0);
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

test('each platform logs in with its own exchange, binds a phone and opens its data as its client gives them', { skip: skipReason ?? false, timeout: 300_000 }, async (t) => {
  const { context, page, problems, byTestId, text } = await openPage();
  await page.goto(`${service.base}/`);
  await page.waitForSelector('body[data-ready="true"]');
  const served = platformsServed();
  t.diagnostic(`platforms the server lists: ${served.join(', ')}`);

  for (const platformId of served) {
    const expected = EXPECTED[platformId];
    const first = apps.find((a) => a.platform === platformId);
    await page.check(`input[name="platform"][value="${platformId}"]`);
    // the app list is that platform's, its first app picked; the diagram is that platform's
    assert.deepEqual(await page.$$eval('input[name="app"]', (inputs) => inputs.map((i) => i.value)),
      apps.filter((a) => a.platform === platformId).map((a) => a.appId));
    assert.equal(await page.isChecked(`input[name="app"][value="${first.appId}"]`), true);
    if (expected) {
      assert.equal(await page.textContent('#step-1-label'), expected.step1, platformId);
      assertMatches(await page.textContent('#step-3-label'), expected.step3, platformId);
      assert.equal(await page.textContent('#lane-platform-name'), expected.lane, platformId);
      assert.equal((await byTestId('login').textContent()).trim(), `Log in with ${expected.lane}`);
    }

    // log in: the code the simulator gave is what wxlogin gets
    await page.fill('#user', `walker-${platformId}`);
    const given = page.waitForResponse((r) => r.url().endsWith('/wechat-sim/sim/login'));
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/auth/login'));
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/auth/login'));
    await byTestId('login').click();
    const simLogin = await (await given).json();
    const loginBody = (await sent).postDataJSON();
    const login = await answered;
    assert.equal(login.status(), 200, `${platformId} login: ${await login.text()}`);
    // (Alipay's authCode goes as code; Douyin's anonymousCode goes with the code)
    const expectedBody = { appId: first.appId, code: simLogin.code };
    if (simLogin.anonymousCode) {
      expectedBody.anonymousCode = simLogin.anonymousCode;
    }
    assert.deepEqual(loginBody, expectedBody, `${platformId}: the login sends what the platform gave`);
    if (platformId === 'douyin') {
      assert.ok(loginBody.anonymousCode, 'Douyin sends its anonymousCode with the code');
    }
    const session = await login.json();
    assert.equal(session.user.platform, platformId);
    for (const step of [1, 2, 3, 4]) {
      await page.waitForSelector(`#step-${step}[data-state="done"]`);
    }
    assert.match(await page.textContent('#step-3 .detail'), /called once/, `${platformId}: step 3 counts the platform's one call`);
    await page.waitForFunction((id) => document.querySelector('[data-testid="user-id"]').textContent === id, session.user.id);
    assert.equal(await page.getAttribute('#identities tr', 'data-platform'), platformId);

    // the phone: whatever the platform's button gives (a code, or Alipay's {response, sign}) goes as it is;
    // QQ's client gives none and WeCom's no phone code, so the button is off and says why
    if (NO_PHONE[platformId]) {
      assert.equal(await page.isDisabled('[data-testid="bind-phone"]'), true);
      assert.match(await page.textContent('#phone-note'), NO_PHONE[platformId]);
    } else {
      await bindOwnPhone(page, byTestId, platformId);
    }

    // open data: where the platform has none (Alipay), the button is off and says why
    if (platformId === 'alipay') {
      assert.equal(await page.isDisabled('#decrypt'), true);
      assert.match(await page.textContent('#decrypt-note'), /Alipay has no open data/);
    } else {
      // the open data the platform's client gives, decrypted by wxlogin with the user's session key
      const opened = page.waitForResponse((r) => r.url().endsWith('/v1/me/decrypt'));
      await page.click('#decrypt');
      assert.equal((await opened).status(), 200, `${platformId} open data`);
      await page.waitForSelector('#open-body:not([hidden])');
      assert.match(await page.textContent('#open-data'), new RegExp(`"nickName": "walker-${platformId}"`));
    }
    await byTestId('logout').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="user-id"]').textContent === '');
  }

  // in Chinese, the lane and the button name the platform too
  await page.click('#lang-zh');
  for (const platformId of served.filter((p) => EXPECTED[p])) {
    await page.check(`input[name="platform"][value="${platformId}"]`);
    assert.equal(await page.textContent('#lane-platform-name'), EXPECTED[platformId].laneZh);
    assert.equal((await byTestId('login').textContent()).trim(), `${EXPECTED[platformId].laneZh}登录`);
  }
  await page.click('#lang-en');

  assert.equal(await text('user-id'), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the linking story: WeChat, then Douyin with the same phone, is one user with two identities', { skip: skipReason ?? false, timeout: 180_000 }, async (t) => {
  // Douyin's first app; a jar without Douyin apps plays the story with WeChat's app of no group
  const second = apps.find((a) => a.platform === 'douyin') ?? apps.find((a) => a.appId === APP_3);
  t.diagnostic(`the second login is on ${second.platform} ${second.appId}`);
  const NUMBER = '13900001111';
  const { context, page, problems, byTestId, text } = await openPage();
  await page.goto(`${service.base}/`);
  await page.waitForSelector('body[data-ready="true"]');

  // log in on WeChat, bind a phone number
  await page.fill('#user', 'lin');
  await page.check(`input[name="app"][value="${APP_1}"]`);
  const wechat = await loginAgain(page, byTestId);
  await page.fill('#phone-number', NUMBER);
  const wechatPhone = page.waitForResponse((r) => r.url().endsWith('/v1/me/phone'));
  await byTestId('bind-phone').click();
  assert.equal((await wechatPhone).status(), 200);
  await page.waitForFunction((n) => document.querySelector('[data-testid="phone"]').textContent === n, NUMBER);

  // log in on Douyin as another test user: another user
  await page.check(`input[name="platform"][value="${second.platform}"]`);
  await page.check(`input[name="app"][value="${second.appId}"]`);
  await page.fill('#phone-number', '');
  await page.fill('#user', 'dora');
  const dora = await loginAgain(page, byTestId);
  assert.notEqual(dora.user.id, wechat.user.id);
  assert.equal(dora.user.platform, second.platform);
  await page.waitForSelector(`#identities tr[data-app-id="${second.appId}"]`);

  // the page offers the number bound last; bound by this brand-new user it links, with a new session
  await page.waitForSelector('#phone-reuse-row:not([hidden])');
  await page.click('#phone-reuse');
  assert.equal(await page.inputValue('#phone-number'), NUMBER);
  const linkedAnswer = page.waitForResponse((r) => r.url().endsWith('/v1/me/phone'));
  await byTestId('bind-phone').click();
  const linked = await (await linkedAnswer).json();
  assert.equal(linked.linked, true, JSON.stringify({ ...linked, session: undefined }));
  assert.equal(linked.user.id, wechat.user.id);
  await page.waitForFunction((token) => document.querySelector('#jwt-raw').textContent === token, linked.session.accessToken);
  assert.equal(await text('user-id'), wechat.user.id, 'the page goes on as the number\'s user');
  assert.equal(await text('phone'), NUMBER);
  await page.waitForFunction(() => document.querySelectorAll('#identities tr').length === 2);
  assert.deepEqual(
    (await page.$$eval('#identities tr', (rows) => rows.map((r) => `${r.dataset.platform} ${r.dataset.appId}`))).sort(),
    [`${second.platform} ${second.appId}`, `wechat ${APP_1}`].sort());
  assert.equal(await page.getAttribute('#identities tr[data-current="true"]', 'data-app-id'), second.appId);
  assert.match(await page.textContent('#message'), new RegExp(`${NUMBER} belongs to user ${wechat.user.id}`));
  // Dora's session before the link was her old user's: it no longer works
  const old = await fetch(`${service.base}/v1/me`, { headers: { Authorization: `Bearer ${dora.accessToken}` } });
  assert.equal(old.status, 401, 'the linked-away user\'s session is ended');

  if (SCREENSHOTS) {
    await page.waitForTimeout(300); // let the last step's transition settle before the picture
    await page.screenshot({ path: join(DOCS, 'demo-page.png'), fullPage: true });
  }
  await page.click('#lang-zh');
  assert.match(await page.textContent('#message'), /已并入该用户/);
  if (SCREENSHOTS) {
    await page.screenshot({ path: join(DOCS, 'demo-page-zh.png'), fullPage: true });
  }
  await page.click('#lang-en');

  assert.deepEqual(problems, []);
  await context.close();
});

test('identities: link another app, unlink it, refused for the last one and for another user\'s', { skip: skipReason ?? false, timeout: 180_000 }, async () => {
  const { context, page, problems, byTestId, text } = await openPage();
  await page.goto(`${service.base}/`);
  await page.waitForSelector('body[data-ready="true"]');
  const rows = () => page.$$eval('#identities tr', (trs) => trs.map((r) => r.dataset.appId).sort());

  // lena on the app of no group is a user of her own
  await page.fill('#user', 'lena');
  await page.check(`input[name="app"][value="${APP_3}"]`);
  const elsewhere = await loginAgain(page, byTestId);
  // lena on app 1: another user, with one identity
  await page.check(`input[name="app"][value="${APP_1}"]`);
  const lena = await loginAgain(page, byTestId);
  assert.notEqual(lena.user.id, elsewhere.user.id);
  await page.waitForSelector(`#identities tr[data-app-id="${APP_1}"]`);
  assert.deepEqual(await rows(), [APP_1]);

  // the last identity stays: 409 last_identity, said in words, in both languages
  await clickUnlink(page, APP_1, 409);
  await page.waitForFunction(() => /last_identity/.test(document.querySelector('#identities-message').textContent));
  assert.match(await page.textContent('#identities-message'), /last identity/);
  await page.click('#lang-zh');
  assert.match(await page.textContent('#identities-message'), /最后一个身份/);
  await page.click('#lang-en');
  assert.deepEqual(await rows(), [APP_1]);
  assert.equal(await text('user-id'), lena.user.id);

  // app 3's lena is another user: 409 identity_in_use, nothing changes
  await link(page, APP_3, 409);
  await page.waitForFunction(() => /identity_in_use/.test(document.querySelector('#identities-message').textContent));
  assert.match(await page.textContent('#identities-message'), /belongs to another user/);
  assert.deepEqual(await rows(), [APP_1]);

  // app 2: linked, two identities
  await link(page, APP_2, 200);
  await page.waitForFunction(() => document.querySelectorAll('#identities tr').length === 2);
  assert.deepEqual(await rows(), [APP_1, APP_2]);
  assert.match(await page.textContent('#identities-message'), new RegExp(`Linked: WeChat app ${APP_2}`));

  // unlink it again: one identity
  await clickUnlink(page, APP_2, 204);
  await page.waitForFunction(() => document.querySelectorAll('#identities tr').length === 1);
  assert.deepEqual(await rows(), [APP_1]);

  // link it once more, then unlink the one this page logged in through: the page's session ends
  await link(page, APP_2, 200);
  await page.waitForFunction(() => document.querySelectorAll('#identities tr').length === 2);
  const token = await page.textContent('#jwt-raw');
  await clickUnlink(page, APP_1, 204);
  await page.waitForFunction(() => document.querySelector('[data-testid="user-id"]').textContent === '');
  assert.match(await page.textContent('#message'), /session ended.*401 invalid_token/);
  const me = await fetch(`${service.base}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status, 401);
  // the user lives on through app 2
  await page.check(`input[name="app"][value="${APP_2}"]`);
  const again = await loginAgain(page, byTestId);
  assert.equal(again.user.id, lena.user.id);

  assert.deepEqual(problems, []);
  await context.close();
});

/** Binds the phone the simulator makes up for the user: the proof goes to wxlogin exactly as the simulator gave it. */
async function bindOwnPhone(page, byTestId, platformId) {
  const proof = page.waitForResponse((r) => r.url().endsWith('/wechat-sim/sim/phone-code'));
  const phoneSent = page.waitForRequest((r) => r.url().endsWith('/v1/me/phone'));
  const phoneAnswered = page.waitForResponse((r) => r.url().endsWith('/v1/me/phone'));
  await byTestId('bind-phone').click();
  const simProof = await (await proof).json();
  assert.deepEqual((await phoneSent).postDataJSON(), simProof);
  const phone = await phoneAnswered;
  assert.equal(phone.status(), 200, `${platformId} phone: ${await phone.text()}`);
  const bound = await phone.json();
  await page.waitForFunction((n) => document.querySelector('[data-testid="phone"]').textContent === n, bound.phoneNumber);
  assert.notEqual(bound.linked, true, 'a number of its own is bound, not linked');
}

/** A fresh page in English, collecting page errors, unexpected console errors and requests off the jar. */
async function openPage() {
  const base = service.base;
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // the browser logs every refused request; 401 (an ended token) and 409 (a refused link or unlink)
    // are what the test asks for
    if (m.type() === 'error' && !/status of (401|409)/.test(m.text())) {
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
  return { context, page, problems, byTestId, text };
}

/** Clicks login with the form as it is; the new session, once the page shows it. */
async function loginAgain(page, byTestId) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/auth/login'));
  await byTestId('login').click();
  const response = await answer;
  assert.equal(response.status(), 200);
  const session = await response.json();
  await page.waitForFunction((token) => document.querySelector('#jwt-raw').textContent === token, session.accessToken);
  await page.waitForSelector('body[data-busy="false"]');
  return session;
}

/** Links `appId` from the identities panel; the answer's status is `status`. */
async function link(page, appId, status) {
  await page.selectOption('#link-app', appId);
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/me/identities') && r.request().method() === 'POST');
  await page.click('#link');
  assert.equal((await answer).status(), status);
  await page.waitForSelector('body[data-busy="false"]');
}

/** Clicks the Unlink button of the identity of `appId`; the answer's status is `status`. */
async function clickUnlink(page, appId, status) {
  const answer = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/v1/me/identities/'));
  await page.click(`#identities tr[data-app-id="${appId}"] [data-identity-unlink]`);
  assert.equal((await answer).status(), status);
  await page.waitForSelector('body[data-busy="false"]');
}

function assertMatches(actual, expected, message) {
  if (expected instanceof RegExp) {
    assert.match(actual, expected, message);
  } else {
    assert.equal(actual, expected, message);
  }
}

async function json(url) {
  const r = await fetch(url);
  assert.equal(r.status, 200, `${url}: ${r.status}`);
  return r.json();
}
