'use strict';
// The SDK on each platform's stand-in host (qq, tt, my, swan, ks, wx in WeCom, uni; fake-hosts.js)
// against the real service in dev mode, whose simulator speaks every platform; then linking
// identities across platforms.
//
// A platform whose dev app the running service does not have fails its tests with a message that
// says so: nothing here is skipped.
const { describe, it, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { createAuth } = require('../src/index.js');
const { startService } = require('./support/service');
const { fakeWx } = require('./support/fake-wx');
const { fakeQq, fakeTt, fakeMy, fakeUni, fakeSwan, fakeKs, fakeWeCom } = require('./support/fake-hosts');
const { httpJson } = require('./support/http');

const KEY = 'wxlogin_session';
// The dev apps (API.md, "Dev mode"): two per group where the platform has unionids.
const APPS = {
  wechat: ['wx0000000000000001', 'wx0000000000000002', 'wx0000000000000003'],
  qq: ['1110000001', '1110000002'],
  douyin: ['tt00000000000001', 'tt00000000000002'],
  alipay: ['2021000000000001'],
  baidu: ['20000001'],
  kuaishou: ['ks0000000000000001'],
  wecom: ['ww0000000000000001'], // a corp: its appId is its corpid
};
// "<service>,<service with WXLOGIN_LINK_BY_PHONE=true>" for quick runs against services started by hand.
const EXTERNAL = process.env.WXLOGIN_TEST_PLATFORM_SERVICES;
let main;
let byPhone;

before(async () => {
  if (EXTERNAL) {
    [main, byPhone] = EXTERNAL.split(',').map((base) => ({ base, stop() {} }));
    return;
  }
  [main, byPhone] = await Promise.all([
    startService(),
    startService([], { WXLOGIN_LINK_BY_PHONE: 'true' }),
  ]);
}, { timeout: 150000 });

after(async () => {
  await Promise.all([main && main.stop(), byPhone && byPhone.stop()]);
});

afterEach(() => {
  for (const g of ['wx', 'qq', 'tt', 'my', 'swan', 'ks', 'uni']) delete globalThis[g];
});

const RUN = Date.now().toString(36);
let serial = 0;
function newUser(tag) {
  serial++;
  return `${tag}-${RUN}-${serial}`;
}

/** A number no earlier run has bound. */
function newNumber() {
  serial++;
  return `13${String(Date.now() * 100 + serial).slice(-9)}`;
}

/**
 * Fails, saying why, when the service's dev mode lacks `platform`'s app: the simulator answers
 * /sim/login only for the apps it has, and dev mode configures the same apps on both sides.
 */
async function requireDevApp(service, platform, appId) {
  const res = await httpJson('POST', `${service.base}/wechat-sim/sim/login`, { appId, user: 'probe' });
  if (res.statusCode !== 200) {
    assert.fail(`this service has no ${platform} dev app ${appId} (its simulator answers /sim/login with ` +
      `${res.statusCode} ${JSON.stringify(res.data)}): ${platform} is not in this jar; build the jar from a main that has it`);
  }
}

/** Fails, saying why, when the service has no /v1/me/identities (asked with `auth`'s session). */
async function requireLinking(auth) {
  try {
    await auth.identities();
  } catch (err) {
    if (err.code === 'not_found' || err.code === 'method_not_allowed') {
      assert.fail(`this service has no GET /v1/me/identities (${err.code}): identities and linking are not in this jar; build the jar from a main that has them`);
    }
    throw err;
  }
}

/** A storage of its own, so that two auth objects on one host object do not share a session. */
function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => map.get(k), setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k) };
}

async function sim(service, method, path, body) {
  const res = await httpJson(method, `${service.base}/wechat-sim${path}`, body);
  assert.ok(res.statusCode < 300, `simulator ${method} ${path}: ${res.statusCode} ${JSON.stringify(res.data)}`);
  return res.data;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return assert.fail('expected a rejection');
}

function events(auth) {
  const seen = [];
  auth.onSessionChange((u, e) => seen.push({ id: u && u.id, ...e }));
  return seen;
}

/** What the SDK sent to POST /v1/auth/login, by any stand-in. */
function loginBodies(host) {
  return host.calls.requests.filter((r) => r.path === '/v1/auth/login').map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data));
}

describe('WeChat (wx)', () => {
  it('found as wx, logs in with {appId, code}, the user says platform wechat', async () => {
    const app = APPS.wechat[0];
    const wx = (globalThis.wx = fakeWx({ base: main.base, appId: app, user: newUser('wx') }));
    const auth = createAuth({ baseUrl: main.base, appId: app });
    assert.equal(auth.platform(), 'wechat');
    const me = await auth.login();
    assert.equal(me.platform, 'wechat');
    assert.deepEqual(Object.keys(loginBodies(wx)[0]).sort(), ['appId', 'code']);
  });
});

describe('WeChat phone buttons', () => {
  it('bindPhone with the getRealtimePhoneNumber button\'s e.detail: its code, exactly as the quick button\'s', async () => {
    const app = APPS.wechat[0];
    const user = newUser('wx-realtime');
    const wx = fakeWx({ base: main.base, appId: app, user });
    const auth = createAuth({ baseUrl: main.base, appId: app, api: wx });
    await auth.login();
    const number = newNumber();
    const { code } = await sim(main, 'POST', '/sim/phone-code', { appId: app, user, phoneNumber: number });
    // bindgetrealtimephonenumber's e.detail (the server side is the same getuserphonenumber call)
    const bound = await auth.bindPhone({ code, errMsg: 'getRealtimePhoneNumber:ok' });
    assert.equal(bound.purePhoneNumber, number);
    assert.equal(auth.cachedUser().phoneNumber, bound.phoneNumber);
    assert.deepEqual(wx.calls.requests.filter((r) => r.path === '/v1/me/phone').map((r) => r.data), [{ code }]);
  });

  it('a button that gave no code (errno 1400001: quota spent; the user refused) rejects without asking the service; the next real code binds', async () => {
    const app = APPS.wechat[0];
    const user = newUser('wx-no-quota');
    const wx = fakeWx({ base: main.base, appId: app, user });
    const auth = createAuth({ baseUrl: main.base, appId: app, api: wx });
    await auth.login();
    const spent = await rejection(auth.bindPhone({ errMsg: 'getRealtimePhoneNumber:fail no quota', errno: 1400001 }));
    assert.deepEqual([spent.code, spent.errno, spent.status], ['phone_quota_exhausted', 1400001, 0]);
    const denied = await rejection(auth.bindPhone({ errMsg: 'getPhoneNumber:fail user deny' }));
    assert.equal(denied.code, 'phone_denied');
    assert.equal(wx.count('/v1/me/phone'), 0, 'nothing sent');
    const number = newNumber();
    const { code } = await sim(main, 'POST', '/sim/phone-code', { appId: app, user, phoneNumber: number });
    assert.equal((await auth.bindPhone({ code, errMsg: 'getPhoneNumber:ok' })).purePhoneNumber, number);
  });
});

describe('QQ (qq)', () => {
  before(() => requireDevApp(main, 'qq', APPS.qq[0]));

  it('found as qq before wx, logs in with qq.login\'s code; one user across the apps of one QQ group', async () => {
    const user = newUser('qq');
    globalThis.wx = fakeWx({ base: main.base, appId: APPS.wechat[0], user }); // a QQ host may answer to wx too
    const qq = (globalThis.qq = fakeQq({ base: main.base, appId: APPS.qq[0], user }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.qq[0] });
    assert.equal(auth.platform(), 'qq');
    const me = await auth.login();
    assert.equal(me.platform, 'qq');
    assert.equal(qq.calls.login, 1);
    assert.equal(globalThis.wx.calls.login, 0);
    assert.deepEqual(Object.keys(loginBodies(qq)[0]).sort(), ['appId', 'code']);
    const { openid, unionid } = await sim(main, 'GET', `/sim/session?appId=${APPS.qq[0]}&user=${encodeURIComponent(user)}`);
    assert.equal(me.openid, openid);
    assert.equal(me.unionid, unionid);

    const other = createAuth({ baseUrl: main.base, appId: APPS.qq[1], api: fakeQq({ base: main.base, appId: APPS.qq[1], user }), platform: 'qq' });
    assert.equal((await other.login()).id, me.id, 'the second app of the group reaches the same user');
  });

  it('bindPhone on QQ, which has no phone-number button: unsupported, and the session goes on', async () => {
    const qq = fakeQq({ base: main.base, appId: APPS.qq[0], user: newUser('qq-phone') });
    const auth = createAuth({ baseUrl: main.base, appId: APPS.qq[0], api: qq, platform: 'qq' });
    await auth.login();
    for (const proof of ['a-phone-code', { encryptedData: 'AAAAAAAAAAAAAAAAAAAAAA==', iv: 'AAAAAAAAAAAAAAAAAAAAAA==' }]) {
      const err = await rejection(auth.bindPhone(proof));
      assert.equal(err.code, 'unsupported', JSON.stringify(proof));
      assert.equal(err.status, 400);
    }
    assert.equal(qq.calls.login, 1, 'no reason to log in again');
    assert.equal(auth.hasSession(), true);
  });
});

describe('Douyin (tt)', () => {
  before(() => requireDevApp(main, 'douyin', APPS.douyin[0]));

  it('found as tt, logs in with tt.login (forced) and sends code and anonymousCode', async () => {
    const user = newUser('tt');
    globalThis.wx = fakeWx({ base: main.base, appId: APPS.wechat[0], user });
    const tt = (globalThis.tt = fakeTt({ base: main.base, appId: APPS.douyin[0], user }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.douyin[0] });
    assert.equal(auth.platform(), 'douyin');
    const me = await auth.login();
    assert.equal(me.platform, 'douyin');
    assert.equal(me.anonymous, undefined, 'a logged-in Douyin user is no guest');
    assert.equal(tt.calls.loginOptions[0].force, true);
    const [body] = loginBodies(tt);
    assert.deepEqual(Object.keys(body).sort(), ['anonymousCode', 'appId', 'code']);
    const { openid } = await sim(main, 'GET', `/sim/session?appId=${APPS.douyin[0]}&user=${encodeURIComponent(user)}`);
    assert.equal(me.openid, openid);
  });

  it('a guest (allowGuest, not logged in to Douyin) sends anonymousCode alone, and becomes the real user on login({ allowGuest: false })', async () => {
    const user = newUser('tt-guest');
    const tt = fakeTt({ base: main.base, appId: APPS.douyin[0], user, guest: true });
    const auth = createAuth({ baseUrl: main.base, appId: APPS.douyin[0], api: tt, platform: 'douyin', allowGuest: true });
    const guest = await auth.login();
    assert.equal(guest.anonymous, true);
    assert.deepEqual(Object.keys(loginBodies(tt)[0]).sort(), ['anonymousCode', 'appId']);
    assert.equal(tt.calls.loginOptions[0].force, false);

    const real = await auth.login({ allowGuest: false });
    assert.equal(tt.calls.loginOptions[1].force, true);
    assert.deepEqual(Object.keys(loginBodies(tt)[1]).sort(), ['anonymousCode', 'appId', 'code']);
    assert.equal(real.anonymous, undefined);
    assert.equal(real.id, guest.id, 'the guest\'s user became the real user: nothing of the guest is lost');
  });

  it('bindPhone with what Douyin\'s getPhoneNumber button gives: e.detail (its code), or encryptedData and iv', async () => {
    for (const form of ['detail', 'encrypted']) {
      const user = newUser(`tt-phone-${form}`);
      const tt = fakeTt({ base: main.base, appId: APPS.douyin[0], user });
      const auth = createAuth({ baseUrl: main.base, appId: APPS.douyin[0], api: tt, platform: 'douyin' });
      await auth.login();
      const number = newNumber();
      const detail = await sim(main, 'POST', '/sim/phone-code', { appId: APPS.douyin[0], user, phoneNumber: number });
      const proof = form === 'detail' ? detail : { encryptedData: detail.encryptedData, iv: detail.iv };
      const bound = await auth.bindPhone(proof);
      assert.equal(bound.purePhoneNumber, number, form);
      assert.equal(auth.cachedUser().phoneNumber, bound.phoneNumber);
      const sent = tt.calls.requests.find((r) => r.path === '/v1/me/phone').data;
      assert.deepEqual(Object.keys(sent).sort(), form === 'detail' ? ['code'] : ['encryptedData', 'iv']);
    }
  });
});

describe('Alipay (my)', () => {
  before(() => requireDevApp(main, 'alipay', APPS.alipay[0]));

  it('found as my, logs in with my.getAuthCode({ scopes: "auth_base" }), its authCode sent as code; my.request and my storage', async () => {
    const user = newUser('my');
    const my = (globalThis.my = fakeMy({ base: main.base, appId: APPS.alipay[0], user }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.alipay[0] });
    assert.equal(auth.platform(), 'alipay');
    const me = await auth.login();
    assert.equal(me.platform, 'alipay');
    assert.deepEqual(my.calls.loginOptions, [{ scopes: 'auth_base' }]);
    assert.deepEqual(Object.keys(loginBodies(my)[0]).sort(), ['appId', 'code']);
    assert.equal(my.getStorageSync({ key: KEY }).data.user.id, me.id);

    // An error answer reaches the SDK through my.request's fail (error 19) with its problem: Alipay
    // has no phone code, only my.getPhoneNumber's response.
    const err = await rejection(auth.bindPhone('a-wechat-style-phone-code'));
    assert.equal(err.code, 'unsupported');
    assert.equal(err.status, 400);
    assert.equal(auth.hasSession(), true);

    // A 204 (logout) through a text answer.
    assert.equal(await auth.logout(), true);
    assert.equal(my.getStorageSync({ key: KEY }).data, null);
  });

  it('bindPhone with my.getPhoneNumber\'s result', async () => {
    const user = newUser('my-phone');
    const my = fakeMy({ base: main.base, appId: APPS.alipay[0], user });
    const auth = createAuth({ baseUrl: main.base, appId: APPS.alipay[0], api: my, platform: 'alipay' });
    await auth.login();
    const number = newNumber();
    const answer = await sim(main, 'POST', '/sim/phone-code', { appId: APPS.alipay[0], user, phoneNumber: number });
    // my.getPhoneNumber's success result: `response` is the whole message, JSON text
    const result = answer.fullResponse ? { response: answer.fullResponse } : answer;
    const bound = await auth.bindPhone(result);
    const sent = JSON.parse(my.calls.requests.find((r) => r.path === '/v1/me/phone').data);
    assert.deepEqual(Object.keys(sent).sort(), ['response', 'sign']);
    assert.equal(bound.purePhoneNumber, number);
    assert.equal(auth.cachedUser().phoneNumber, bound.phoneNumber);
  });
});

// Baidu and Kuaishou: a host of their own (swan, ks) with wx's request and storage, a login code, and
// a getPhoneNumber button whose e.detail holds encryptedData and iv (Baidu: smartprogram.baidu.com
// component button; Kuaishou: mp.kuaishou.com getUserPhoneNumber).
for (const { platform, title, fake, login } of [
  { platform: 'baidu', title: 'Baidu (swan)', fake: fakeSwan, login: 'swan.getLoginCode' },
  { platform: 'kuaishou', title: 'Kuaishou (ks)', fake: fakeKs, login: 'ks.login' },
]) {
  describe(title, () => {
    const app = APPS[platform][0];
    before(() => requireDevApp(main, platform, app));

    it(`found before wx, logs in with ${login}'s code through its own request; its own storage`, async () => {
      const user = newUser(platform);
      globalThis.wx = fakeWx({ base: main.base, appId: APPS.wechat[0], user });
      const host = fake({ base: main.base, appId: app, user });
      globalThis[platform === 'baidu' ? 'swan' : 'ks'] = host;
      const auth = createAuth({ baseUrl: main.base, appId: app });
      assert.equal(auth.platform(), platform);
      const me = await auth.login();
      assert.equal(me.platform, platform);
      assert.equal(host.calls.login, 1);
      assert.equal(globalThis.wx.calls.login, 0);
      assert.deepEqual(Object.keys(loginBodies(host)[0]).sort(), ['appId', 'code']);
      assert.equal(host.getStorageSync(KEY).user.id, me.id);
      assert.ok(me.openid, 'the user\'s id in the app');

      const again = createAuth({ baseUrl: main.base, appId: app, api: fake({ base: main.base, appId: app, user }), platform, storage: memoryStorage() });
      assert.equal((await again.login()).id, me.id, 'the same platform user, the same user');
    });

    it('bindPhone with the getPhoneNumber button\'s e.detail (encryptedData and iv)', async () => {
      const user = newUser(`${platform}-phone`);
      const host = fake({ base: main.base, appId: app, user });
      const auth = createAuth({ baseUrl: main.base, appId: app, api: host, platform });
      await auth.login();
      const number = newNumber();
      const detail = await sim(main, 'POST', '/sim/phone-code', { appId: app, user, phoneNumber: number });
      const bound = await auth.bindPhone({ errMsg: 'getPhoneNumber:ok', ...detail });
      assert.equal(bound.purePhoneNumber, number);
      assert.equal(auth.cachedUser().phoneNumber, bound.phoneNumber);
      const sent = host.calls.requests.find((r) => r.path === '/v1/me/phone').data;
      assert.deepEqual(Object.keys(sent).sort(), ['encryptedData', 'iv']);
    });

    it('decrypt with the open data as the host\'s API gives it (Baidu: swan.getUserInfo\'s { data, iv })', async () => {
      const user = newUser(`${platform}-open`);
      const host = fake({ base: main.base, appId: app, user });
      const auth = createAuth({ baseUrl: main.base, appId: app, api: host, platform });
      await auth.login();
      const given = await sim(main, 'POST', '/sim/open-data', { appId: app, user, data: { nickname: 'n1', hobby: 'kites' } });
      const opened = await auth.decrypt(given);
      assert.equal(opened.hobby, 'kites');
    });
  });
}

describe('WeCom (wx.qy)', () => {
  it('a WeChat mini program opened in WeCom logs in as WeChat (wx.login) unless the app says platform "wecom"', async () => {
    const user = newUser('in-wecom');
    const wx = (globalThis.wx = fakeWeCom({ base: main.base, corpId: APPS.wecom[0], wechatAppId: APPS.wechat[0], user }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.wechat[0] });
    assert.equal(auth.platform(), 'wechat');
    const me = await auth.login();
    assert.equal(me.platform, 'wechat');
    assert.deepEqual([wx.calls.login, wx.calls.qyLogin], [1, 0]);
  });

  it('platform "wecom": wx.qy.login\'s code, the user says platform wecom', async () => {
    await requireDevApp(main, 'wecom', APPS.wecom[0]);
    const user = newUser('wecom');
    const wx = (globalThis.wx = fakeWeCom({ base: main.base, corpId: APPS.wecom[0], wechatAppId: APPS.wechat[0], user }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.wecom[0], platform: 'wecom' });
    assert.equal(auth.platform(), 'wecom');
    const me = await auth.login();
    assert.equal(me.platform, 'wecom');
    assert.deepEqual([wx.calls.login, wx.calls.qyLogin], [0, 1]);
    assert.deepEqual(Object.keys(loginBodies(wx)[0]).sort(), ['appId', 'code']);
    assert.equal(wx.getStorageSync(KEY).user.id, me.id);
  });

  it('bindPhone on WeCom, which has no phone code: unsupported, and the session goes on', async () => {
    await requireDevApp(main, 'wecom', APPS.wecom[0]);
    const wx = fakeWeCom({ base: main.base, corpId: APPS.wecom[0], wechatAppId: APPS.wechat[0], user: newUser('wecom-phone') });
    const auth = createAuth({ baseUrl: main.base, appId: APPS.wecom[0], platform: 'wecom', api: wx });
    await auth.login();
    const err = await rejection(auth.bindPhone({ code: 'a-phone-code', errMsg: 'getPhoneNumber:ok' }));
    assert.deepEqual([err.code, err.status], ['unsupported', 400]);
    assert.deepEqual([wx.calls.qyLogin, auth.hasSession()], [1, true]);
  });

  it('the corp\'s WeChat-side and WeCom-side logins of one person are two users until linked; linked, one', async () => {
    await requireDevApp(main, 'wecom', APPS.wecom[0]);
    const WX_SIDE = APPS.wechat[2]; // the corp's WeChat-side mini program, in no unionid group
    const sides = (user) => {
      const host = () => fakeWeCom({ base: main.base, corpId: APPS.wecom[0], wechatAppId: WX_SIDE, user });
      return [
        createAuth({ baseUrl: main.base, appId: APPS.wecom[0], platform: 'wecom', api: host(), storage: memoryStorage() }),
        createAuth({ baseUrl: main.base, appId: WX_SIDE, api: host(), storage: memoryStorage() }),
      ];
    };

    const [work, personal] = sides(newUser('wecom-two'));
    const a = await work.login();
    const b = await personal.login();
    assert.deepEqual([a.platform, b.platform], ['wecom', 'wechat']);
    assert.notEqual(a.id, b.id, 'corpid + userid and the openid are two identities, so two users');

    const person = newUser('wecom-linked');
    const [work2, personal2] = sides(person);
    const me = await work2.login();
    await requireLinking(work2);
    const { code } = await sim(main, 'POST', '/sim/login', { appId: WX_SIDE, user: person });
    const linked = await work2.linkIdentity({ appId: WX_SIDE, code });
    assert.equal(linked.user.id, me.id);
    assert.deepEqual((await work2.identities()).map((i) => i.platform).sort(), ['wechat', 'wecom']);
    assert.equal((await personal2.login()).id, me.id, 'the WeChat side now reaches the linked user');
  });
});

describe('uni-app (uni.login({ provider }))', () => {
  it('Douyin through uni: provider toutiao, both codes', async () => {
    await requireDevApp(main, 'douyin', APPS.douyin[0]);
    const uni = (globalThis.uni = fakeUni({ base: main.base, appId: APPS.douyin[0], user: newUser('uni-tt') }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.douyin[0], platform: 'douyin' });
    const me = await auth.login();
    assert.equal(me.platform, 'douyin');
    assert.equal(uni.calls.loginOptions[0].provider, 'toutiao');
    assert.deepEqual(Object.keys(loginBodies(uni)[0]).sort(), ['anonymousCode', 'appId', 'code']);
  });

  it('Alipay through uni: provider alipay, scopes auth_base, uni\'s code sent', async () => {
    await requireDevApp(main, 'alipay', APPS.alipay[0]);
    const uni = (globalThis.uni = fakeUni({ base: main.base, appId: APPS.alipay[0], user: newUser('uni-my') }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.alipay[0], platform: 'alipay' });
    assert.equal((await auth.login()).platform, 'alipay');
    assert.deepEqual([uni.calls.loginOptions[0].provider, uni.calls.loginOptions[0].scopes], ['alipay', 'auth_base']);
  });

  it('QQ through uni: provider qq', async () => {
    await requireDevApp(main, 'qq', APPS.qq[0]);
    const uni = (globalThis.uni = fakeUni({ base: main.base, appId: APPS.qq[0], user: newUser('uni-qq') }));
    const auth = createAuth({ baseUrl: main.base, appId: APPS.qq[0], platform: 'qq' });
    assert.equal((await auth.login()).platform, 'qq');
    assert.equal(uni.calls.loginOptions[0].provider, 'qq');
  });

  for (const [platform, provider, tag] of [['baidu', 'baidu', 'uni-swan'], ['kuaishou', 'kuaishou', 'uni-ks']]) {
    it(`${platform} through uni: provider ${provider}`, async () => {
      await requireDevApp(main, platform, APPS[platform][0]);
      const uni = (globalThis.uni = fakeUni({ base: main.base, appId: APPS[platform][0], user: newUser(tag) }));
      const auth = createAuth({ baseUrl: main.base, appId: APPS[platform][0], platform });
      assert.equal((await auth.login()).platform, platform);
      assert.equal(uni.calls.loginOptions[0].provider, provider);
      assert.deepEqual(Object.keys(loginBodies(uni)[0]).sort(), ['appId', 'code']);
    });
  }
});

describe('identities and linking', () => {
  const WX = APPS.wechat[0];
  const WX_ALONE = APPS.wechat[2]; // in no group: its users are nobody else's
  const TT = APPS.douyin[0];

  // Linking within WeChat: an app in a group and one in none are two users until linked. Douyin's
  // turn is the next test.
  it('identities, linkIdentity with a code of another app, identity_in_use, unlinkIdentity and last_identity', async () => {
    const wx = fakeWx({ base: main.base, appId: WX, user: newUser('link') });
    const auth = createAuth({ baseUrl: main.base, appId: WX, api: wx });
    const me = await auth.login();
    await requireLinking(auth);
    const [own] = await auth.identities();
    assert.equal((await auth.identities()).length, 1);
    assert.deepEqual([own.platform, own.appId, own.openid], ['wechat', WX, me.openid]);

    const aloneUser = newUser('link-alone');
    const { code } = await sim(main, 'POST', '/sim/login', { appId: WX_ALONE, user: aloneUser });
    const linked = await auth.linkIdentity({ appId: WX_ALONE, code });
    assert.equal(linked.user.id, me.id);
    assert.deepEqual([linked.identity.platform, linked.identity.appId], ['wechat', WX_ALONE]);
    const list = await auth.identities();
    assert.deepEqual(list.map((i) => i.appId).sort(), [WX, WX_ALONE]);

    // The same identity, claimed by another user: identity_in_use, and nothing changes.
    const other = createAuth({ baseUrl: main.base, appId: WX, api: fakeWx({ base: main.base, appId: WX, user: newUser('link-other') }) });
    await other.login();
    const again = await sim(main, 'POST', '/sim/login', { appId: WX_ALONE, user: aloneUser });
    const inUse = await rejection(other.linkIdentity({ appId: WX_ALONE, code: again.code }));
    assert.equal(inUse.code, 'identity_in_use');
    assert.equal(inUse.status, 409);
    assert.equal((await other.identities()).length, 1);
    assert.equal((await auth.identities()).length, 2);

    await auth.unlinkIdentity(linked.identity.id);
    assert.deepEqual((await auth.identities()).map((i) => i.id), [own.id]);
    assert.equal(auth.hasSession(), true, 'another identity left: this session goes on');

    const last = await rejection(auth.unlinkIdentity(own.id));
    assert.equal(last.code, 'last_identity');
    assert.equal(last.status, 409);
    assert.equal(auth.hasSession(), true);
  });

  it('linkIdentity() with no code logs in on this app\'s host for one (a session handed over from WeChat, on Douyin)', async () => {
    await requireDevApp(main, 'douyin', TT);
    const map = new Map();
    const storage = { getItem: (k) => map.get(k), setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k) };
    const onWeChat = createAuth({ baseUrl: main.base, appId: WX, api: fakeWx({ base: main.base, appId: WX, user: newUser('handover') }), storage });
    const me = await onWeChat.login();
    await requireLinking(onWeChat);

    const tt = fakeTt({ base: main.base, appId: TT, user: newUser('handover-tt') });
    const onDouyin = createAuth({ baseUrl: main.base, appId: TT, api: tt, platform: 'douyin', storage });
    const linked = await onDouyin.linkIdentity();
    assert.equal(tt.calls.login, 1, 'one tt.login: the code to link');
    assert.equal(tt.calls.loginOptions[0].force, true, 'a guest cannot be linked: tt.login is forced');
    const sent = tt.calls.requests.find((r) => r.path === '/v1/me/identities');
    assert.deepEqual(Object.keys(sent.data).sort(), ['appId', 'code']);
    assert.equal(sent.data.appId, TT);
    assert.equal(linked.user.id, me.id);
    assert.deepEqual((await onWeChat.identities()).map((i) => i.platform).sort(), ['douyin', 'wechat']);
  });

  it('unlinking the identity this session came through ends the session here too', async () => {
    const wx = fakeWx({ base: main.base, appId: WX, user: newUser('unlink-own') });
    const auth = createAuth({ baseUrl: main.base, appId: WX, api: wx });
    await auth.login();
    await requireLinking(auth);
    const { code } = await sim(main, 'POST', '/sim/login', { appId: WX_ALONE, user: newUser('unlink-own-alone') });
    await auth.linkIdentity({ appId: WX_ALONE, code });
    const seen = events(auth);
    const own = (await auth.identities()).find((i) => i.appId === WX);
    const token = await auth.getAccessToken();

    await auth.unlinkIdentity(own.id);
    assert.equal(auth.hasSession(), false);
    assert.equal(wx.getStorageSync(KEY), '');
    assert.deepEqual(seen.at(-1), { id: null, reason: 'logout' });
    const refused = await httpJson('GET', `${main.base}/v1/me`, undefined, { Authorization: `Bearer ${token}` });
    assert.equal(refused.statusCode, 401, 'the service ended it');
  });

  it('WXLOGIN_LINK_BY_PHONE: a new user binding a number another user holds is linked into that user; the SDK adopts its session', async () => {
    const number = newNumber();
    const holderUser = newUser('holder');
    const holder = createAuth({ baseUrl: byPhone.base, appId: WX, api: fakeWx({ base: byPhone.base, appId: WX, user: holderUser }) });
    const owner = await holder.login();
    const first = await sim(byPhone, 'POST', '/sim/phone-code', { appId: WX, user: holderUser, phoneNumber: number });
    await holder.bindPhone(first.code);

    const newcomerUser = newUser('newcomer');
    const wx = fakeWx({ base: byPhone.base, appId: WX_ALONE, user: newcomerUser });
    const auth = createAuth({ baseUrl: byPhone.base, appId: WX_ALONE, api: wx });
    const newcomer = await auth.login();
    assert.notEqual(newcomer.id, owner.id);
    const seen = events(auth);
    const before = wx.getStorageSync(KEY).accessToken;
    const { code } = await sim(byPhone, 'POST', '/sim/phone-code', { appId: WX_ALONE, user: newcomerUser, phoneNumber: number });

    await requireLinking(auth);
    const result = await auth.bindPhone(code).catch((err) => {
      if (err.code === 'phone_in_use') assert.fail('phone_in_use with WXLOGIN_LINK_BY_PHONE=true: link by phone is not in this jar');
      throw err;
    });
    assert.equal(result.linked, true);
    assert.equal(result.session, undefined);
    assert.equal(result.user.id, owner.id);
    assert.equal(auth.cachedUser().id, owner.id);
    assert.notEqual(wx.getStorageSync(KEY).accessToken, before);
    assert.deepEqual(seen.at(-1), { id: owner.id, reason: 'login', newUser: false, linked: true });
    assert.equal((await auth.getUser()).id, owner.id, 'the adopted session works');
    assert.deepEqual((await auth.identities()).map((i) => i.appId).sort(), [WX, WX_ALONE]);
  });
});
