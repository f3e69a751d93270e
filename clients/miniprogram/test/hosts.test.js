'use strict';
// Which host the SDK finds, how it calls each host's login, and what it sends, without a service:
// stub hosts answer the SDK's requests from a table and record everything it hands them. What the
// service makes of it is in platforms.test.js.
const { describe, it, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { createAuth, WxLoginError } = require('../src/index.js');

const BASE = 'https://login.example.com';
const GLOBALS = ['wx', 'qq', 'tt', 'my', 'swan', 'ks', 'uni'];

afterEach(() => {
  for (const g of GLOBALS) delete globalThis[g];
});

function base64url(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

let serial = 0;
/** A session answer as the service gives it; the access token carries the claims the SDK reads. */
function sessionAnswer(user, appid = 'app') {
  serial++;
  const claims = { sub: user.id, sid: `s_${serial}`, appid };
  return {
    accessToken: `${base64url({ alg: 'ES256' })}.${base64url(claims)}.sig${serial}`,
    tokenType: 'Bearer',
    expiresIn: 900,
    refreshToken: `r${serial}`,
    refreshExpiresIn: 2592000,
    newUser: false,
    user,
  };
}

const USER = { id: 'u_1', platform: 'wechat', openid: 'o1', unionid: null, phoneNumber: null, countryCode: null, nickname: null, avatarUrl: null, createdAt: '2026-01-01T00:00:00Z' };

/**
 * A host in wx's dialect (or, with `alipay`, my's) whose login answers `loginAnswer` and whose
 * request answers `routes['METHOD /path'](body)` → [status, data]. `swan`: it also has Baidu's
 * getLoginCode (recorded as a login with `via: 'getLoginCode'`); `qy`: it is `wx` inside WeCom, with
 * wx.qy.login (recorded with `via: 'qy.login'`) and getSystemInfoSync's `environment: 'wxwork'`.
 */
function stubHost({ loginAnswer = { code: 'c1' }, routes = {}, alipay = false, swan = false, qy = false } = {}) {
  const storage = new Map();
  const calls = { login: [], requests: [] };
  const answer = (o) => {
    const path = new URL(o.url).pathname;
    const body = typeof o.data === 'string' ? JSON.parse(o.data) : o.data;
    calls.requests.push({ path, method: o.method, body, options: o });
    const route = routes[`${o.method} ${path}`] || (path === '/v1/auth/login' ? () => [200, sessionAnswer(USER)] : null);
    const [status, data] = route ? route(body) : [404, { code: 'not_found' }];
    return { status, data };
  };
  const host = { calls, storage };
  if (alipay) {
    host.getAuthCode = (o) => { calls.login.push({ scopes: o.scopes }); setTimeout(() => o.success(loginAnswer), 0); };
    host.request = (o) => {
      const { status, data } = answer(o);
      const text = data === undefined ? '' : JSON.stringify(data);
      const res = { status, headers: {}, data: o.dataType === 'text' ? text : data };
      setTimeout(() => (status >= 400 ? o.fail({ error: 19, errorMessage: 'http status error', ...res }) : o.success(res)), 0);
    };
    host.getStorageSync = ({ key }) => ({ data: storage.has(key) ? storage.get(key) : null });
    host.setStorageSync = ({ key, data }) => storage.set(key, data);
    host.removeStorageSync = ({ key }) => storage.delete(key);
  } else {
    host.login = (o) => { calls.login.push({ ...o, success: undefined, fail: undefined }); setTimeout(() => o.success(loginAnswer), 0); };
    host.request = (o) => {
      const { status, data } = answer(o);
      setTimeout(() => o.success({ statusCode: status, data: data === undefined ? '' : data, header: {} }), 0);
    };
    host.getStorageSync = (k) => (storage.has(k) ? storage.get(k) : '');
    host.setStorageSync = (k, v) => storage.set(k, v);
    host.removeStorageSync = (k) => storage.delete(k);
    const as = (via) => (o) => { calls.login.push({ via, ...o, success: undefined, fail: undefined }); setTimeout(() => o.success(loginAnswer), 0); };
    if (swan) host.getLoginCode = as('getLoginCode');
    if (qy) {
      host.qy = { login: as('qy.login') };
      host.getSystemInfoSync = () => ({ environment: 'wxwork', platform: 'ios' });
    }
  }
  host.loginBodies = () => calls.requests.filter((r) => r.path === '/v1/auth/login').map((r) => r.body);
  return host;
}

describe('finding the host', () => {
  it('tt, then qq, then my, then swan, then ks, then wx, then uni (as WeChat); never WeCom', () => {
    const cases = [
      [['wx', 'tt', 'uni'], 'douyin'],
      [['wx', 'qq', 'uni'], 'qq'],
      [['my', 'uni'], 'alipay'],
      [['wx', 'swan', 'uni'], 'baidu'],
      [['wx', 'ks', 'uni'], 'kuaishou'],
      [['wx', 'uni'], 'wechat'],
      [['uni'], 'wechat'],
    ];
    for (const [globals, expected] of cases) {
      for (const g of globals) globalThis[g] = stubHost();
      assert.equal(createAuth({ baseUrl: BASE }).platform(), expected, globals.join('+'));
      for (const g of globals) delete globalThis[g];
    }
    // Inside WeCom: `wx` with wx.qy and environment 'wxwork' is still WeChat unless the app says 'wecom'.
    globalThis.wx = stubHost({ qy: true });
    assert.equal(createAuth({ baseUrl: BASE }).platform(), 'wechat');
    delete globalThis.wx;
    assert.throws(() => createAuth({ baseUrl: BASE }), /none of wx, tt, qq, my, swan, ks or uni is defined/);
  });

  it('a platform name forces it: its own global, else uni; WeCom is `wx` and never uni', async () => {
    globalThis.wx = stubHost();
    globalThis.tt = stubHost({ loginAnswer: { code: 'c', anonymousCode: 'a' } });
    assert.equal(createAuth({ baseUrl: BASE, platform: 'wechat' }).platform(), 'wechat');
    assert.equal(createAuth({ baseUrl: BASE, platform: 'wecom' }).platform(), 'wecom');
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 'alipay' }), /platform alipay: neither `my` nor `uni` is defined/);
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 'baidu' }), /platform baidu: neither `swan` nor `uni` is defined/);
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 'kuaishou' }), /platform kuaishou: neither `ks` nor `uni` is defined/);
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 'weixin-work' }), /platform must be one of wechat, qq, douyin, alipay, baidu, kuaishou, wecom, or the host API object/);
    assert.equal(createAuth({ baseUrl: BASE, platform: 'baidu', api: stubHost({ swan: true }) }).platform(), 'baidu');
    delete globalThis.wx;

    const uni = (globalThis.uni = stubHost());
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 'wecom' }), /platform wecom: `wx` is not defined; pass `api`/);
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 'wecom', api: uni }), /uni\.login has no wecom login/);
    globalThis.wx = stubHost();
    for (const [platform, provider] of [['baidu', 'baidu'], ['kuaishou', 'kuaishou'], ['alipay', 'alipay']]) {
      const auth = createAuth({ baseUrl: BASE, platform, appId: 'a' });
      assert.equal(auth.platform(), platform);
      await auth.login();
      assert.equal(uni.calls.login.at(-1).provider, provider);
    }
    assert.equal(uni.calls.login.at(-1).scopes, 'auth_base', 'uni.login on Alipay is my.getAuthCode: the silent scope');
    // wx is there, so 'wechat' does not go through uni
    await createAuth({ baseUrl: BASE, platform: 'wechat' }).login();
    assert.equal(globalThis.wx.calls.login.length, 1);
  });

  it('an API object: `api`, or `platform` as in 0.1; a global is recognised, anything else speaks WeChat', async () => {
    const tt = (globalThis.tt = stubHost({ loginAnswer: { code: 'c', anonymousCode: 'a' } }));
    assert.equal(createAuth({ baseUrl: BASE, api: tt }).platform(), 'douyin');
    assert.equal(createAuth({ baseUrl: BASE, platform: tt }).platform(), 'douyin');
    const wrapper = stubHost();
    assert.equal(createAuth({ baseUrl: BASE, platform: wrapper }).platform(), 'wechat');
    assert.equal(createAuth({ baseUrl: BASE, platform: 'qq', api: wrapper }).platform(), 'qq');
    assert.throws(() => createAuth({ baseUrl: BASE, platform: wrapper, api: wrapper }), /not both/);
    assert.throws(() => createAuth({ baseUrl: BASE, platform: 42 }), TypeError);
    assert.throws(() => createAuth({ baseUrl: BASE, api: wrapper, allowGuest: 'yes' }), /allowGuest must be a boolean/);

    await createAuth({ baseUrl: BASE, platform: wrapper, appId: 'wx1' }).login();
    assert.deepEqual(wrapper.calls.login, [{ provider: 'weixin', success: undefined, fail: undefined }]);
    assert.deepEqual(wrapper.loginBodies(), [{ appId: 'wx1', code: 'c1' }]);
  });
});

describe('each host\'s login', () => {
  it('Douyin sends code and anonymousCode; tt.login is forced unless guests are allowed', async () => {
    const tt = stubHost({ loginAnswer: { code: 'c', anonymousCode: 'a', isLogin: true } });
    await createAuth({ baseUrl: BASE, api: tt, platform: 'douyin', appId: 'tt1' }).login();
    assert.equal(tt.calls.login[0].force, true);
    assert.deepEqual(tt.loginBodies(), [{ appId: 'tt1', code: 'c', anonymousCode: 'a' }]);
  });

  it('a Douyin guest (only anonymousCode) sends it alone; login({ allowGuest: false }) asks them to log in', async () => {
    let loggedIn = false;
    const tt = stubHost();
    tt.login = (o) => {
      tt.calls.login.push({ force: o.force });
      if (o.force) loggedIn = true; // the host's login window, and the user logs in
      setTimeout(() => o.success(loggedIn ? { code: 'c', anonymousCode: 'a', isLogin: true } : { anonymousCode: 'a', isLogin: false }), 0);
    };
    const auth = createAuth({ baseUrl: BASE, api: tt, platform: 'douyin', appId: 'tt1', allowGuest: true });
    await auth.login();
    await auth.login({ allowGuest: false });
    assert.deepEqual(tt.calls.login, [{ force: false }, { force: true }]);
    assert.deepEqual(tt.loginBodies(), [{ appId: 'tt1', anonymousCode: 'a' }, { appId: 'tt1', code: 'c', anonymousCode: 'a' }]);
  });

  it('a login answer without any code is wx_login_failed, on every host, with the host\'s message', async () => {
    const tt = stubHost({ loginAnswer: { isLogin: false, errMsg: 'login:ok' } });
    const err = await createAuth({ baseUrl: BASE, api: tt, platform: 'douyin' }).login().then(() => assert.fail('resolved'), (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.code, 'wx_login_failed');
    assert.match(err.message, /^tt\.login gave no code/);

    const my = stubHost({ alipay: true });
    my.getAuthCode = (o) => setTimeout(() => o.fail({ error: 11, errorMessage: '用户取消授权' }), 0);
    const denied = await createAuth({ baseUrl: BASE, api: my, platform: 'alipay' }).login().then(() => assert.fail('resolved'), (e) => e);
    assert.equal(denied.code, 'wx_login_failed');
    assert.equal(denied.detail, '用户取消授权');
    assert.match(denied.message, /^my\.getAuthCode failed/);
  });

  it('Alipay: my.getAuthCode({ scopes: "auth_base" }); authCode sent as code; my.request and my storage in their own dialect', async () => {
    const my = (globalThis.my = stubHost({ alipay: true, loginAnswer: { authCode: 'ac1', authSuccessScopes: ['auth_base'] } }));
    my.login = () => assert.fail('Alipay has no login: my.getAuthCode');
    const auth = createAuth({ baseUrl: BASE, appId: '2021' });
    assert.equal(auth.platform(), 'alipay');
    const user = await auth.login();
    assert.deepEqual(my.calls.login, [{ scopes: 'auth_base' }]);
    assert.deepEqual(my.loginBodies(), [{ appId: '2021', code: 'ac1' }]);
    assert.equal(user.id, 'u_1');

    const sent = my.calls.requests[0].options;
    assert.equal(sent.header, undefined, 'my.request takes `headers`');
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(typeof sent.data, 'string', 'the JSON body is serialised by the SDK');
    assert.equal(sent.dataType, 'text', 'asked for as text: an empty 204 is no decoding failure');

    const stored = my.storage.get('wxlogin_session');
    assert.equal(stored.user.id, 'u_1');
    assert.equal(createAuth({ baseUrl: BASE, appId: '2021' }).hasSession(), true, 'read back from my.getStorageSync({ key })');
  });

  it('Baidu: swan.getLoginCode (swan.login on base libraries without it); swan.request and swan storage', async () => {
    const swan = (globalThis.swan = stubHost({ swan: true, loginAnswer: { code: 'bd1', errMsg: 'getLoginCode:ok' } }));
    swan.login = () => assert.fail('swan.getLoginCode is there: swan.login is not called');
    const auth = createAuth({ baseUrl: BASE, appId: '20000001' });
    assert.equal(auth.platform(), 'baidu');
    await auth.login();
    assert.deepEqual(swan.calls.login.map((c) => c.via), ['getLoginCode']);
    assert.deepEqual(swan.loginBodies(), [{ appId: '20000001', code: 'bd1' }]);
    assert.equal(swan.storage.get('wxlogin_session').user.id, 'u_1');

    const old = stubHost({ loginAnswer: { code: 'bd2' } }); // a base library before getLoginCode
    await createAuth({ baseUrl: BASE, api: old, platform: 'baidu', appId: '20000001' }).login();
    assert.deepEqual(old.loginBodies(), [{ appId: '20000001', code: 'bd2' }]);

    // Not logged in to the Baidu app: getLoginCode answers without a code (errCode 10004).
    const out = stubHost({ swan: true, loginAnswer: { errCode: 10004, errMsg: 'getLoginCode:fail user not login' } });
    const err = await createAuth({ baseUrl: BASE, api: out, platform: 'baidu' }).login().then(() => assert.fail('resolved'), (e) => e);
    assert.equal(err.code, 'wx_login_failed');
    assert.match(err.message, /^swan\.getLoginCode gave no code/);
    assert.equal(err.detail, 'getLoginCode:fail user not login');
    assert.equal(out.calls.requests.length, 0);
  });

  it('Kuaishou: ks.login; ks.request and ks storage', async () => {
    const ks = (globalThis.ks = stubHost({ loginAnswer: { code: 'ks1', errMsg: 'login:ok' } }));
    globalThis.wx = stubHost();
    const auth = createAuth({ baseUrl: BASE, appId: 'ks0000000000000001' });
    assert.equal(auth.platform(), 'kuaishou');
    await auth.login();
    assert.equal(ks.calls.login.length, 1);
    assert.equal(globalThis.wx.calls.login.length, 0);
    assert.deepEqual(ks.loginBodies(), [{ appId: 'ks0000000000000001', code: 'ks1' }]);
    assert.equal(ks.storage.get('wxlogin_session').user.id, 'u_1');
  });

  it('WeCom: platform "wecom" calls wx.qy.login, never wx.login; outside WeCom (no wx.qy) it is wx_login_failed', async () => {
    const wx = (globalThis.wx = stubHost({ qy: true, loginAnswer: { code: 'qy1', errMsg: 'qy.login:ok' } }));
    wx.login = () => assert.fail('WeCom logs in with wx.qy.login');
    const auth = createAuth({ baseUrl: BASE, platform: 'wecom', appId: 'ww0000000000000001' });
    assert.equal(auth.platform(), 'wecom');
    await auth.login();
    assert.deepEqual(wx.calls.login.map((c) => c.via), ['qy.login']);
    assert.deepEqual(wx.loginBodies(), [{ appId: 'ww0000000000000001', code: 'qy1' }]);
    assert.equal(wx.storage.get('wxlogin_session').user.id, 'u_1', 'wx storage');

    const plain = stubHost(); // wx of WeChat: no wx.qy
    const err = await createAuth({ baseUrl: BASE, api: plain, platform: 'wecom' }).login().then(() => assert.fail('resolved'), (e) => e);
    assert.equal(err.code, 'wx_login_failed');
    assert.match(err.message, /wx\.qy\.login is not available: not running in WeCom/);
    assert.equal(plain.calls.login.length, 0, 'no wx.login instead: that would be another identity');
    assert.equal(plain.calls.requests.length, 0);
  });

  it('WeCom: a WeChat mini program opened in WeCom keeps logging in as WeChat (wx.login)', async () => {
    const wx = (globalThis.wx = stubHost({ qy: true }));
    wx.qy.login = () => assert.fail('not asked for: the app did not say platform "wecom"');
    const auth = createAuth({ baseUrl: BASE, appId: 'wx1' });
    await auth.login();
    assert.equal(auth.platform(), 'wechat');
    assert.equal(wx.calls.login.length, 1);
    assert.equal(wx.calls.login[0].via, undefined, 'wx.login itself');
  });

  it('Alipay: an HTTP error (my.request\'s fail, error 19) is an answer with its problem, and a 204 resolves', async () => {
    const my = stubHost({
      alipay: true,
      loginAnswer: { authCode: 'ac1' },
      routes: {
        'POST /v1/me/identities': () => [409, { type: 'about:blank', title: 'Identity in use', status: 409, code: 'identity_in_use', detail: 'd' }],
        'DELETE /v1/me/identities/i1': () => [204, undefined],
      },
    });
    const auth = createAuth({ baseUrl: BASE, api: my, platform: 'alipay', appId: '2021' });
    await auth.login();
    const err = await auth.linkIdentity({ appId: 'tt1', code: 'x' }).then(() => assert.fail('resolved'), (e) => e);
    assert.equal(err.code, 'identity_in_use');
    assert.equal(err.status, 409);
    assert.equal(await auth.unlinkIdentity('i1'), undefined);
  });
});

describe('bindPhone: each platform\'s proof', () => {
  const phoneAnswer = (body) => [200, { phoneNumber: '13800000000', purePhoneNumber: '13800000000', countryCode: '86', user: { ...USER, phoneNumber: '13800000000' }, echo: body }];

  async function sent(proof) {
    const host = stubHost({ routes: { 'POST /v1/me/phone': phoneAnswer } });
    const auth = createAuth({ baseUrl: BASE, api: host, appId: 'a' });
    const result = await auth.bindPhone(proof);
    return result.echo;
  }

  it('WeChat, QQ, Douyin: the code, or e.detail with code (it wins) or with encryptedData and iv', async () => {
    assert.deepEqual(await sent('phone-code'), { code: 'phone-code' });
    assert.deepEqual(await sent({ code: 'c', encryptedData: 'e', iv: 'i', errMsg: 'getPhoneNumber:ok' }), { code: 'c' });
    assert.deepEqual(await sent({ encryptedData: 'e', iv: 'i', errMsg: 'getPhoneNumber:ok' }), { encryptedData: 'e', iv: 'i' });
  });

  it('WeChat\'s real-time button (getRealtimePhoneNumber): its e.detail\'s code, exactly as the quick button\'s', async () => {
    assert.deepEqual(await sent({ code: 'rt', errMsg: 'getRealtimePhoneNumber:ok' }), { code: 'rt' });
  });

  it('Baidu, Kuaishou: the getPhoneNumber button\'s e.detail, encryptedData and iv', async () => {
    assert.deepEqual(await sent({ encryptedData: 'e', iv: 'i', errMsg: 'getPhoneNumber:ok' }), { encryptedData: 'e', iv: 'i' });
  });

  it('a button that gave no proof: quota spent (errno 1400001), refused, or failed; a WxLoginError, no request, the session untouched', async () => {
    const host = stubHost();
    const auth = createAuth({ baseUrl: BASE, api: host, appId: 'a' });
    await auth.login();
    const before = host.calls.requests.length;
    const cases = [
      [{ errMsg: 'getPhoneNumber:fail no quota', errno: 1400001 }, 'phone_quota_exhausted'],
      [{ errMsg: 'getRealtimePhoneNumber:fail no quota', errno: 1400001 }, 'phone_quota_exhausted'],
      [{ errMsg: 'getPhoneNumber:fail user deny' }, 'phone_denied'],
      [{ errMsg: 'getPhoneNumber:fail:user deny' }, 'phone_denied'],
      [{ errMsg: 'getPhoneNumber:user deny' }, 'phone_denied'], // Kuaishou, older WeChat
      [{ errMsg: 'getPhoneNumber:fail auth deny' }, 'phone_denied'], // Baidu
      [{ errMsg: 'getRealtimePhoneNumber:fail user cancel', errno: 12345 }, 'phone_denied'],
      [{ errMsg: 'getPhoneNumber:fail no permission' }, 'phone_unavailable'], // Kuaishou, an app without the permission
      [{ errno: 102 }, 'phone_unavailable'],
    ];
    for (const [detail, code] of cases) {
      const err = await auth.bindPhone(detail).then(() => assert.fail('resolved'), (e) => e);
      assert.ok(err instanceof WxLoginError, JSON.stringify(detail));
      assert.equal(err.code, code, JSON.stringify(detail));
      assert.equal(err.status, 0);
      assert.equal(err.errno, detail.errno == null ? null : detail.errno);
      assert.equal(err.detail, detail.errMsg == null ? null : detail.errMsg);
    }
    assert.equal(host.calls.requests.length, before, 'nothing sent');
    assert.equal(host.calls.login.length, 1, 'no login either');
    assert.equal(auth.hasSession(), true);
  });

  it('Alipay: my.getPhoneNumber\'s result, its response string, or { response, sign }', async () => {
    const text = JSON.stringify({ response: 'cipher==', sign: 'sig==' });
    for (const proof of [{ response: text }, text, { response: 'cipher==', sign: 'sig==' }]) {
      assert.deepEqual(await sent(proof), { response: 'cipher==', sign: 'sig==' }, JSON.stringify(proof));
    }
    // Without a signing method in Alipay's console there is no sign: sent as it is; the service decides.
    assert.deepEqual(await sent({ response: JSON.stringify({ response: 'cipher==' }) }), { response: 'cipher==' });
  });

  it('anything else is refused before a request', async () => {
    const host = stubHost();
    const auth = createAuth({ baseUrl: BASE, api: host });
    for (const proof of [undefined, '', {}, { encryptedData: 'e' }, { iv: 'i' }, 42]) {
      await assert.rejects(auth.bindPhone(proof), TypeError, JSON.stringify(proof));
    }
    assert.equal(host.calls.requests.length, 0);
  });

  it('decrypt takes the hosts\' results as they are: e.detail, and Baidu\'s swan.getUserInfo result ({ data, iv })', async () => {
    const host = stubHost({ routes: { 'POST /v1/me/decrypt': (body) => [200, { data: body }] } });
    const auth = createAuth({ baseUrl: BASE, api: host, appId: 'a' });
    assert.deepEqual(await auth.decrypt({ encryptedData: 'e', iv: 'i', rawData: 'r', signature: 's' }), { encryptedData: 'e', iv: 'i', rawData: 'r', signature: 's' });
    assert.deepEqual(await auth.decrypt({ userInfo: { nickName: 'n' }, data: 'bd', iv: 'i' }), { encryptedData: 'bd', iv: 'i' });
    assert.deepEqual(await auth.decrypt('e2', 'i2'), { encryptedData: 'e2', iv: 'i2' });
  });

  it('linked by phone: the SDK adopts the session of the user who held the number, and keeps its tokens', async () => {
    const holder = { ...USER, id: 'u_holder', phoneNumber: '13800000000' };
    const linkedSession = sessionAnswer(holder);
    const host = stubHost({
      routes: { 'POST /v1/me/phone': () => [200, { phoneNumber: '13800000000', purePhoneNumber: '13800000000', countryCode: '86', user: holder, linked: true, session: linkedSession }] },
    });
    const events = [];
    const auth = createAuth({ baseUrl: BASE, api: host, onSessionChange: (u, e) => events.push({ id: u && u.id, ...e }) });
    await auth.login();
    const result = await auth.bindPhone('c');
    assert.equal(result.linked, true);
    assert.equal(result.user.id, 'u_holder');
    assert.equal(result.session, undefined, 'the tokens stay with the SDK');
    assert.equal(auth.cachedUser().id, 'u_holder');
    assert.equal(await auth.getAccessToken(), linkedSession.accessToken);
    assert.deepEqual(events.at(-1), { id: 'u_holder', reason: 'login', newUser: false, linked: true });
  });
});
