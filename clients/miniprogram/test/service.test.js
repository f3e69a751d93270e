'use strict';
// The SDK against the real service (the packaged jar in dev mode, WeChat simulator inside), through a
// stand-in `wx` that makes real HTTP calls. Two services for the whole run: `main` with the default
// token lifetimes and a 10-minute refresh grace (so a retry "at once" is within it on any machine),
// `short` whose access tokens live 2 seconds, for the tests of server-side expiry.
const { describe, it, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { createAuth, WxLoginError } = require('../src/index.js');
const { startService } = require('./support/service');
const { fakeWx } = require('./support/fake-wx');
const { httpJson } = require('./support/http');

const APP = 'wx0000000000000001';
const KEY = 'wxlogin_session';
// For quick local runs against services already started: "<main base URL>,<short base URL>", the
// second started with --wxlogin.tokens.access-token-ttl=2s (and WXLOGIN_ADMIN_TOKEN for the admin test,
// WXLOGIN_REFRESH_GRACE=10m for the lost answer's retry).
const EXTERNAL = process.env.WXLOGIN_TEST_SERVICES;
// The admin API (to disable a user) is on when the service has a credential.
const ADMIN = EXTERNAL ? process.env.WXLOGIN_ADMIN_TOKEN : `test-admin-${process.pid}-${Date.now()}`;
let main;
let short;

before(async () => {
  if (EXTERNAL) {
    [main, short] = EXTERNAL.split(',').map((base) => ({ base, stop() {} }));
    return;
  }
  [main, short] = await Promise.all([
    startService([], { WXLOGIN_ADMIN_TOKEN: ADMIN, WXLOGIN_REFRESH_GRACE: '10m' }),
    startService(['--wxlogin.tokens.access-token-ttl=2s']),
  ]);
}, { timeout: 150000 });

after(async () => {
  await Promise.all([main && main.stop(), short && short.stop()]);
});

// Names unique to this run, so that a run against services kept from an earlier one starts clean too.
const RUN = Date.now().toString(36);
let serial = 0;
function newUser(tag) {
  serial++;
  return `${tag}-${RUN}-${serial}`;
}

/** A clock the test moves by hand: the SDK's idea of "now". */
function manualClock() {
  const clock = { t: Date.now(), now: () => clock.t, advance(ms) { clock.t += ms; } };
  return clock;
}

/** A stand-in wx and an SDK on it, for a fresh test user (or `user`). */
function setup(service, { user = newUser('user'), appId = APP, clock, codes, storage } = {}) {
  const wx = fakeWx({ base: service.base, appId, user, codes });
  if (storage) for (const [k, v] of storage) wx.storage.set(k, v);
  const events = [];
  const auth = createAuth({
    baseUrl: service.base,
    appId,
    platform: wx,
    now: clock ? clock.now : undefined,
    onSessionChange: (u, e) => events.push({ user: u, ...e }),
  });
  return { wx, auth, user, events };
}

function stored(wx) {
  return wx.getStorageSync(KEY);
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
  assert.fail('expected a rejection');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('login', () => {
  beforeEach(() => sim(main, 'POST', '/sim/reset'));

  it('resolves the user and stores only the service tokens, their expiry and the user', async () => {
    const { wx, auth, user } = setup(main);
    const me = await auth.login();

    assert.match(me.id, /^u_/);
    assert.match(me.openid, /^o/);
    const s = stored(wx);
    assert.deepEqual(Object.keys(s).sort(), ['accessExpiresAt', 'accessToken', 'refreshExpiresAt', 'refreshToken', 'user']);
    assert.equal(s.accessToken.split('.').length, 3, 'the access token is a JWT');
    assert.deepEqual(s.user, me);

    // No session_key anywhere: neither the word nor the key WeChat holds for this user.
    const raw = [...wx.storage.values()].join('\n');
    const { sessionKey } = await sim(main, 'GET', `/sim/session?appId=${APP}&user=${encodeURIComponent(user)}`);
    assert.ok(!/session_?key/i.test(raw), 'no session_key field in storage');
    assert.ok(!raw.includes(sessionKey), 'the session_key value is not stored');
    // The openid is part of the cached user only, never a credential of its own.
    const { user: cached, ...tokens } = s;
    assert.ok(!JSON.stringify(tokens).includes(me.openid));
    assert.deepEqual([...wx.storage.keys()], [KEY], 'one storage entry, nothing else');

    // What went over the wire: the login sends appId and code only.
    const loginCall = wx.calls.requests.find((r) => r.path === '/v1/auth/login');
    assert.deepEqual(Object.keys(loginCall.data).sort(), ['appId', 'code']);
    assert.equal(loginCall.header['Content-Type'], 'application/json');
  });

  it('ensureLogin logs in once, then answers from the held session, also after an app restart', async () => {
    const { wx, auth } = setup(main);
    const first = await auth.ensureLogin();
    const second = await auth.ensureLogin();
    assert.deepEqual(second, first);
    assert.equal(wx.calls.login, 1);
    assert.equal(wx.calls.requests.length, 1, 'one request: the login');

    // A new SDK on the same storage (the mini program restarted) holds the session without network.
    const again = createAuth({ baseUrl: main.base, appId: APP, platform: wx });
    assert.equal(again.hasSession(), true);
    assert.deepEqual(await again.ensureLogin(), first);
    assert.equal(wx.calls.login, 1);
    assert.equal(wx.calls.requests.length, 1);
  });

  it('concurrent login() and ensureLogin() calls share one wx.login and one POST /v1/auth/login', async () => {
    const { wx, auth } = setup(main);
    const users = await Promise.all([
      auth.login(), auth.login(), auth.ensureLogin(), auth.login(), auth.ensureLogin(), auth.getAccessToken(),
    ]);
    assert.equal(wx.calls.login, 1);
    assert.equal(wx.count('/v1/auth/login'), 1);
    for (const u of users.slice(0, 5)) assert.equal(u.id, users[0].id);
    assert.equal(users[5], stored(wx).accessToken);
  });

  it('code_used: asks wx.login for a fresh code and tries once more', async () => {
    const user = newUser('spent');
    const { code } = await sim(main, 'POST', '/sim/login', { appId: APP, user });
    const spent = await httpJson('POST', `${main.base}/v1/auth/login`, { appId: APP, code });
    assert.equal(spent.statusCode, 200);

    const { wx, auth } = setup(main, { user, codes: [code] });
    const me = await auth.login();
    assert.equal(me.id, spent.data.user.id);
    assert.equal(wx.calls.login, 2);
    const answers = wx.calls.requests.filter((r) => r.path === '/v1/auth/login').map((r) => r.response.code || r.statusCode);
    assert.deepEqual(answers, ['code_used', 200]);
  });

  it('invalid_code: asks wx.login for a fresh code and tries once more', async () => {
    const { wx, auth } = setup(main, { codes: [`made-up-${RUN}-0`] });
    const me = await auth.login();
    assert.match(me.id, /^u_/);
    assert.equal(wx.calls.login, 2);
    const answers = wx.calls.requests.filter((r) => r.path === '/v1/auth/login').map((r) => r.response.code || r.statusCode);
    assert.deepEqual(answers, ['invalid_code', 200]);
  });

  it('a code refused twice is not tried a third time', async () => {
    const { wx, auth } = setup(main, { codes: [`made-up-${RUN}-1`, `made-up-${RUN}-2`, `made-up-${RUN}-3`] });
    const err = await rejection(auth.login());
    assert.ok(err instanceof WxLoginError);
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'invalid_code');
    assert.equal(err.status, 401);
    assert.equal(typeof err.detail, 'string');
    assert.equal(wx.calls.login, 2);
    assert.equal(wx.count('/v1/auth/login'), 2);
    assert.equal(stored(wx), '');

    // Nothing lingers: the next login takes the one queued code left, then a good one.
    await auth.login();
    assert.equal(wx.calls.login, 4);
  });

  it('rate_limited (WeChat 45011) rejects with retryAfter, without another try', async () => {
    await sim(main, 'POST', '/sim/faults', { path: '/sns/jscode2session', errcode: 45011, count: 1 });
    const { wx, auth } = setup(main);
    const err = await rejection(auth.login());
    assert.equal(err.code, 'rate_limited');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 60);
    assert.equal(err.problem.code, 'rate_limited');
    assert.equal(wx.calls.login, 1);
  });

  it('upstream_unavailable (WeChat answers 502) rejects with retryAfter, without another try', async () => {
    await sim(main, 'POST', '/sim/faults', { path: '/sns/jscode2session', httpStatus: 502, count: 1 });
    const { wx, auth } = setup(main);
    const err = await rejection(auth.login());
    assert.equal(err.code, 'upstream_unavailable');
    assert.equal(err.status, 503);
    assert.equal(err.retryAfter, 5);
    assert.equal(wx.calls.login, 1);
  });

  it('a network failure rejects with network_error and stores nothing', async () => {
    const dead = await new Promise((resolve) => {
      const srv = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    const wx = fakeWx({ base: main.base, appId: APP, user: newUser('offline') });
    const auth = createAuth({ baseUrl: dead, appId: APP, platform: wx });
    const err = await rejection(auth.login());
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.code, 'network_error');
    assert.equal(err.status, 0);
    assert.equal(err.retryAfter, null);
    assert.equal(stored(wx), '');
  });
});

describe('request', () => {
  it('logs in when needed, attaches the access token and resolves like wx.request', async () => {
    const { wx, auth } = setup(main);
    const res = await auth.request({ url: '/v1/me' });
    assert.equal(res.statusCode, 200);
    assert.match(res.data.id, /^u_/);
    assert.equal(typeof res.header, 'object');
    const call = wx.calls.requests.find((r) => r.path === '/v1/me');
    assert.equal(call.header.Authorization, `Bearer ${stored(wx).accessToken}`);

    // The SDK's token replaces one the caller put in, whatever its spelling.
    const own = await auth.request({ url: '/v1/me', header: { authorization: 'Bearer not-mine', 'X-Trace': 't1' } });
    assert.equal(own.statusCode, 200);
    const sent = wx.calls.requests.at(-1).header;
    assert.deepEqual(Object.keys(sent).filter((k) => k.toLowerCase() === 'authorization'), ['Authorization']);
    assert.equal(sent['X-Trace'], 't1');

    // An absolute URL, a method and a body, as wx.request takes them.
    const patched = await auth.request({
      url: `${main.base}/v1/me`, method: 'PATCH', data: { nickname: 'Ann' }, header: { 'Content-Type': 'application/json' },
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.data.nickname, 'Ann');

    // An HTTP error is an answer, not a rejection, as with wx.request.
    const missing = await auth.request({ url: 'v1/no-such-path' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.data.code, 'not_found');
    assert.equal(wx.calls.login, 1);
  });
});

describe('expired access tokens', () => {
  it('one the service refuses as expired is refreshed once, then the call retried', async () => {
    const clock = manualClock(); // the SDK believes its token fresh: only the service knows better
    const { wx, auth, events } = setup(short, { clock });
    const me = await auth.login();
    const before = stored(wx);
    await sleep(2300);

    assert.equal((await auth.getUser()).id, me.id);
    assert.equal(wx.count('/v1/auth/refresh'), 1);
    assert.deepEqual(wx.calls.requests.filter((r) => r.path === '/v1/me').map((r) => r.statusCode), [401, 200]);
    assert.equal(wx.calls.login, 1);
    const after = stored(wx);
    assert.notEqual(after.accessToken, before.accessToken);
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.deepEqual(events.map((e) => e.reason), ['login', 'refresh', 'user']);
  });

  it('ten concurrent calls refused as expired share one refresh', async () => {
    const clock = manualClock();
    const { wx, auth } = setup(short, { clock });
    await auth.login();
    await sleep(2300);

    // One refusal arrives late, after the refresh the others started is over: it must take the
    // renewed token, not refresh again.
    const request = wx.request;
    let held = false;
    wx.request = (o) => request({
      ...o,
      success(res) {
        if (!held && res.statusCode === 401) {
          held = true;
          setTimeout(() => o.success(res), 600);
        } else {
          o.success(res);
        }
      },
    });

    const users = await Promise.all(Array.from({ length: 10 }, () => auth.getUser()));
    assert.equal(new Set(users.map((u) => u.id)).size, 1);
    assert.ok(held);
    assert.equal(wx.count('/v1/auth/refresh'), 1);
    assert.equal(wx.calls.login, 1);
    const refreshAnswer = wx.calls.requests.find((r) => r.path === '/v1/auth/refresh').statusCode;
    assert.equal(refreshAnswer, 200);
  });

  it('ten concurrent calls with a token the SDK knows has expired share one refresh, before sending', async () => {
    const clock = manualClock();
    const { wx, auth } = setup(main, { clock });
    await auth.login();
    clock.advance(15 * 60 * 1000);

    const results = await Promise.all(Array.from({ length: 10 }, () => auth.request({ url: '/v1/me' })));
    assert.ok(results.every((r) => r.statusCode === 200));
    assert.equal(wx.count('/v1/auth/refresh'), 1);
    assert.deepEqual(wx.calls.requests.filter((r) => r.path === '/v1/me').map((r) => r.statusCode), Array(10).fill(200));

    // ensureLogin with an expired token refreshes too, and never calls wx.login.
    clock.advance(15 * 60 * 1000);
    await auth.ensureLogin();
    assert.equal(wx.count('/v1/auth/refresh'), 2);
    assert.equal(wx.calls.login, 1);
  });
});

describe('a session that is gone', () => {
  beforeEach(() => sim(main, 'POST', '/sim/reset'));

  it('ended from another device: the SDK logs in again silently, once, and the call succeeds', async () => {
    const user = newUser('two-phones');
    const a = setup(main, { user });
    const b = setup(main, { user });
    const me = await a.auth.login();
    await b.auth.login();

    const list = await b.auth.sessions();
    assert.equal(list.length, 2);
    const other = list.find((s) => !s.current);
    assert.equal(other.appId, APP);
    await b.auth.endSession(other.id);
    assert.equal(b.auth.hasSession(), true, 'ending another session keeps ours');

    assert.equal((await a.auth.getUser()).id, me.id);
    assert.equal(a.wx.calls.login, 2);
    const refresh = a.wx.calls.requests.filter((r) => r.path === '/v1/auth/refresh');
    assert.equal(refresh.length, 1);
    assert.equal(refresh[0].response.code, 'invalid_token');
    assert.deepEqual(a.wx.calls.requests.filter((r) => r.path === '/v1/me').map((r) => r.statusCode), [401, 200]);
    assert.deepEqual(a.events.map((e) => e.reason), ['login', 'lost', 'login', 'user']);
    assert.equal(a.events[1].user, null);
  });

  it('a refresh whose answer was lost is sent again with the same token and answered (the refresh grace)', async () => {
    const clock = manualClock();
    const { wx, auth } = setup(main, { clock });
    const me = await auth.login();
    const spent = stored(wx).refreshToken;
    // The first refresh reaches the service, which spends the token, but its answer never arrives.
    const request = wx.request;
    let dropped = false;
    wx.request = (o) => {
      if (dropped || !o.url.endsWith('/v1/auth/refresh')) return request(o);
      dropped = true;
      return request({ ...o, success: () => o.fail({ errMsg: 'request:fail timeout' }) });
    };

    clock.advance(15 * 60 * 1000);
    await assert.rejects(auth.getUser());
    assert.equal(auth.hasSession(), true, 'a network failure keeps the session');
    assert.equal(stored(wx).refreshToken, spent);

    // The next call refreshes with the same, spent token, within the grace: a new pair, no new login.
    assert.equal((await auth.getUser()).id, me.id);
    const refresh = wx.calls.requests.filter((r) => r.path === '/v1/auth/refresh');
    assert.deepEqual(refresh.map((r) => r.statusCode), [200, 200]);
    assert.equal(wx.calls.login, 1);
    assert.notEqual(stored(wx).refreshToken, spent);
    assert.notEqual(stored(wx).refreshToken, refresh[0].response.refreshToken);
  });

  it('a reused refresh token (token_reused) ends the session; the SDK logs in again once', async () => {
    const clock = manualClock();
    const { wx, auth } = setup(main, { clock });
    await auth.login();
    // Someone else spends the stored refresh token first, and then the one it was answered with (so
    // the phone's refresh is no retry of a lost answer, whatever the refresh grace).
    const first = await httpJson('POST', `${main.base}/v1/auth/refresh`, { refreshToken: stored(wx).refreshToken });
    assert.equal(first.statusCode, 200);
    const stolen = await httpJson('POST', `${main.base}/v1/auth/refresh`, { refreshToken: first.data.refreshToken });
    assert.equal(stolen.statusCode, 200);

    clock.advance(15 * 60 * 1000);
    await auth.getUser();
    const refresh = wx.calls.requests.filter((r) => r.path === '/v1/auth/refresh');
    assert.deepEqual(refresh.map((r) => r.response.code), ['token_reused']);
    assert.equal(wx.calls.login, 2);
    // The thief's tokens died with the session.
    const thief = await httpJson('GET', `${main.base}/v1/me`, undefined, { Authorization: `Bearer ${stolen.data.accessToken}` });
    assert.equal(thief.statusCode, 401);
  });

  it('a user disabled by the operator: one silent login attempt, then user_disabled, session forgotten', { skip: !ADMIN && 'no admin credential' }, async () => {
    const { wx, auth, events } = setup(main);
    const me = await auth.login();
    const disabled = await httpJson('POST', `${main.base}/admin/v1/users/${me.id}/disable`, undefined, { Authorization: `Bearer ${ADMIN}` });
    assert.equal(disabled.statusCode, 200);

    const err = await rejection(auth.getUser());
    assert.equal(err.code, 'user_disabled');
    assert.equal(err.status, 403);
    assert.equal(wx.calls.login, 2, 'the first login and one silent one, refused');
    assert.equal(wx.count('/v1/auth/refresh'), 1);
    assert.equal(auth.hasSession(), false);
    assert.equal(stored(wx), '');
    assert.deepEqual(events.map((e) => e.reason), ['login', 'lost']);
  });

  it('a backend that refuses every token gets three sends, one refresh and one login: no loop', async () => {
    const hits = [];
    const refuser = http.createServer((req, res) => {
      hits.push(req.headers.authorization);
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'Content-Type': 'application/json' });
      res.end('{"error":"invalid_token"}');
    });
    await new Promise((r) => refuser.listen(0, '127.0.0.1', r));
    try {
      const { wx, auth } = setup(main);
      await auth.login();
      const res = await auth.request({ url: `http://127.0.0.1:${refuser.address().port}/orders` });
      assert.equal(res.statusCode, 401);
      assert.equal(hits.length, 3);
      assert.equal(new Set(hits).size, 3, 'each send carried a newer token');
      assert.equal(wx.count('/v1/auth/refresh'), 1);
      assert.equal(wx.calls.login, 2);
    } finally {
      refuser.close();
    }
  });

  it('when the silent login fails too, the call rejects and nothing is retried further', async () => {
    const { wx, auth, events } = setup(main);
    await auth.login();
    const token = stored(wx).accessToken;
    assert.equal((await httpJson('POST', `${main.base}/v1/auth/logout`, undefined, { Authorization: `Bearer ${token}` })).statusCode, 204);
    await sim(main, 'POST', '/sim/faults', { path: '/sns/jscode2session', errcode: 40029, count: 5 });

    const err = await rejection(auth.getUser());
    assert.equal(err.code, 'invalid_code');
    assert.equal(wx.calls.login, 3, 'the first login, then one re-login with its one retry');
    assert.equal(wx.count('/v1/auth/refresh'), 1);
    assert.equal(wx.count('/v1/me'), 1);
    assert.equal(stored(wx), '');
    assert.equal(auth.hasSession(), false);
    assert.deepEqual(events.map((e) => e.reason), ['login', 'lost']);
  });
});

describe('phone, open data, profile and sessions', () => {
  beforeEach(() => sim(main, 'POST', '/sim/reset'));

  it('bindPhone binds the number from a getPhoneNumber code and updates the cached user', async () => {
    const { wx, auth, user, events } = setup(main);
    await auth.login();
    const number = `139${String(Date.now()).slice(-8)}`; // a number no earlier run has bound
    const { code } = await sim(main, 'POST', '/sim/phone-code', { appId: APP, user, phoneNumber: number });
    const result = await auth.bindPhone(code);
    assert.equal(result.phoneNumber, number);
    assert.equal(result.countryCode, '86');
    assert.equal(result.user.phoneNumber, number);
    assert.equal(auth.cachedUser().phoneNumber, number);
    assert.equal(stored(wx).user.phoneNumber, number);
    assert.equal(events.at(-1).reason, 'user');

    // The same code again: WeChat refuses a spent phone code.
    const err = await rejection(auth.bindPhone(code));
    assert.equal(err.code, 'invalid_code');
    assert.equal(wx.calls.login, 1, 'a refused phone code is not a reason to log in again');
  });

  it('decrypt answers the open data, in both call forms, signature checked', async () => {
    const { wx, auth, user } = setup(main);
    await auth.login();
    const open = await sim(main, 'POST', '/sim/open-data', { appId: APP, user, data: { nickName: 'Alice', gender: 0 } });

    const data = await auth.decrypt(open.encryptedData, open.iv, { rawData: open.rawData, signature: open.signature });
    assert.equal(data.nickName, 'Alice');
    assert.equal(data.watermark.appid, APP);
    assert.equal((await auth.decrypt(open)).nickName, 'Alice');

    const err = await rejection(auth.decrypt(open.encryptedData, open.iv, { rawData: open.rawData, signature: '0'.repeat(40) }));
    assert.equal(err.code, 'invalid_request');
    assert.equal(err.status, 400);
    assert.equal(wx.calls.login, 1);
  });

  it('session_key_stale: logs in again and rejects with retryWithUser; the new data then decrypts', async () => {
    const { wx, auth, user } = setup(main);
    await auth.login(); // WeChat and the service hold key 1
    // wx.login() may give the user a new key before any server has the code: WeChat holds key 2 now,
    // the service still key 1, and the data the client fetches now is under key 2.
    await sim(main, 'POST', '/sim/login', { appId: APP, user, rotateSessionKey: true });
    const data = await sim(main, 'POST', '/sim/open-data', { appId: APP, user, data: { n: 1 } });

    const logins = wx.calls.login;
    const err = await rejection(auth.decrypt(data.encryptedData, data.iv));
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.code, 'session_key_stale', 'WeChat said key 1 is no longer the user\'s');
    assert.equal(err.status, 409);
    assert.equal(err.retryWithUser, true);
    assert.equal(wx.calls.login, logins + 1, 'logged in again, once');

    // After that login the service holds key 2: the same data, asked again, decrypts.
    assert.equal((await auth.decrypt(data)).n, 1);
  });

  it('data under a key the user no longer has is invalid_request, with no new login', async () => {
    await sim(main, 'POST', '/sim/settings', { rotateSessionKey: true });
    const { wx, auth, user } = setup(main);
    await auth.login(); // key 1
    const old = await sim(main, 'POST', '/sim/open-data', { appId: APP, user, data: { n: 1 } });

    // One login later (key 2) the old data still decrypts: the previous key has 5 minutes' grace.
    await auth.login();
    assert.equal((await auth.decrypt(old)).n, 1);

    await auth.login(); // key 3: key 1 is neither current nor previous, and WeChat confirms key 3
    const logins = wx.calls.login;
    const err = await rejection(auth.decrypt(old.encryptedData, old.iv));
    assert.equal(err.code, 'invalid_request');
    assert.equal(err.status, 400);
    assert.equal(wx.calls.login, logins, 'a login would not help: the data must be fetched again');
    const fresh = await sim(main, 'POST', '/sim/open-data', { appId: APP, user, data: { n: 2 } });
    assert.equal((await auth.decrypt(fresh)).n, 2);
  });

  it('channelDecrypt opens what the mini program encrypted with its latest user key', async () => {
    const { auth, user } = setup(main);
    await auth.login();
    // what wx.getUserCryptoManager().getLatestUserKey() gives, and the payload encrypted with it
    const sealed = await sim(main, 'POST', '/sim/channel-encrypt', { appId: APP, user, data: { order: 'A-1', amount: 12 } });

    assert.deepEqual(await auth.channelDecrypt(sealed.encryptedData, sealed.iv, sealed.version), { order: 'A-1', amount: 12 });
    assert.deepEqual(await auth.channelDecrypt(sealed), { order: 'A-1', amount: 12 });

    const err = await rejection(auth.channelDecrypt(sealed.encryptedData, sealed.iv, sealed.version + 1000));
    assert.equal(err.code, 'invalid_request');
  });

  it('updateProfile and getUser', async () => {
    const { auth } = setup(main);
    await auth.login();
    const user = await auth.updateProfile({ nickname: '小明 🐱', avatarUrl: 'https://example.com/a.png' });
    assert.equal(user.nickname, '小明 🐱');
    assert.equal(user.avatarUrl, 'https://example.com/a.png');
    assert.deepEqual(await auth.getUser(), user);
    assert.deepEqual(auth.cachedUser(), user);

    const err = await rejection(auth.updateProfile({ avatarUrl: 'http://example.com/a.png' }));
    assert.equal(err.code, 'invalid_request');
    assert.equal(err.status, 400);
  });

  it('endSession of this device\'s own session forgets it here', async () => {
    const { wx, auth, events } = setup(main);
    await auth.login();
    const [own] = await auth.sessions();
    assert.equal(own.current, true);
    await auth.endSession(own.id);
    assert.equal(auth.hasSession(), false);
    assert.equal(stored(wx), '');
    assert.deepEqual(events.at(-1), { user: null, reason: 'logout' });
  });
});

describe('logout', () => {
  it('ends the session on the service and clears storage', async () => {
    const { wx, auth, events } = setup(main);
    await auth.login();
    const { accessToken, refreshToken } = stored(wx);

    assert.equal(await auth.logout(), true);
    assert.equal(stored(wx), '');
    assert.equal(auth.hasSession(), false);
    assert.equal(auth.cachedUser(), null);
    assert.deepEqual(events.at(-1), { user: null, reason: 'logout' });
    const me = await httpJson('GET', `${main.base}/v1/me`, undefined, { Authorization: `Bearer ${accessToken}` });
    assert.equal(me.statusCode, 401);
    assert.equal(me.data.code, 'invalid_token');
    const refresh = await httpJson('POST', `${main.base}/v1/auth/refresh`, { refreshToken });
    assert.equal(refresh.statusCode, 401);

    // Without a session there is nothing to send.
    const sent = wx.calls.requests.length;
    assert.equal(await auth.logout(), false);
    assert.equal(wx.calls.requests.length, sent);
  });

  it('clears storage even when the network call fails', async () => {
    const { wx, auth } = setup(main);
    await auth.login();
    const request = wx.request;
    wx.request = (o) => (o.url.endsWith('/v1/auth/logout') ? setTimeout(() => o.fail({ errMsg: 'request:fail timeout' }), 0) : request(o));
    assert.equal(await auth.logout(), false);
    assert.equal(stored(wx), '');
    assert.equal(auth.hasSession(), false);
  });

  it('waits for a login in flight and logs that session out', async () => {
    const { wx, auth } = setup(main);
    const login = auth.login();
    const out = auth.logout();
    await login;
    assert.equal(await out, true);
    assert.equal(stored(wx), '');
    assert.equal(wx.count('/v1/auth/logout'), 1);
  });
});

describe('onSessionChange', () => {
  it('tells listeners of login, refresh, user changes and logout; unsubscribe stops it', async () => {
    const clock = manualClock();
    const { auth } = setup(main, { clock });
    const seen = [];
    const off = auth.onSessionChange((user, e) => seen.push([e.reason, user && user.id, e.newUser]));
    auth.onSessionChange(() => { throw new Error('a broken listener does not break the SDK'); });
    const consoleError = console.error;
    console.error = () => {};
    try {
      const me = await auth.login();
      clock.advance(15 * 60 * 1000);
      await auth.updateProfile({ nickname: 'Eve' });
      await auth.logout();
      assert.deepEqual(seen, [
        ['login', me.id, true],
        ['refresh', me.id, undefined],
        ['user', me.id, undefined],
        ['logout', null, undefined],
      ]);
      off();
      await auth.login();
      assert.equal(seen.length, 4);
      assert.equal(auth.hasSession(), true);
    } finally {
      console.error = consoleError;
    }
  });
});

describe('platforms', () => {
  it('uses the global uni when there is no wx (uni-app), and wx when there is', async () => {
    assert.equal(typeof globalThis.wx, 'undefined');
    const uni = fakeWx({ base: main.base, appId: APP, user: newUser('uni') });
    const wx = fakeWx({ base: main.base, appId: APP, user: newUser('wx') });
    try {
      globalThis.uni = uni;
      const viaUni = createAuth({ baseUrl: main.base, appId: APP });
      assert.match((await viaUni.login()).id, /^u_/);
      assert.equal(uni.calls.login, 1);
      assert.equal(uni.count('/v1/auth/login'), 1);
      assert.ok(stored(uni).accessToken);

      globalThis.wx = wx;
      const viaWx = createAuth({ baseUrl: main.base, appId: APP });
      await viaWx.login();
      assert.equal(wx.calls.login, 1);
      assert.equal(uni.calls.login, 1);
    } finally {
      delete globalThis.uni;
      delete globalThis.wx;
    }
    assert.throws(() => createAuth({ baseUrl: main.base, appId: APP }), TypeError);
  });

  it('keeps the session in a storage the app provides, under its key', async () => {
    const map = new Map();
    const storage = { getItem: (k) => map.get(k), setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k) };
    const wx = fakeWx({ base: main.base, appId: APP, user: newUser('custom-storage') });
    const auth = createAuth({ baseUrl: main.base, appId: APP, platform: wx, storage, storageKey: 'mine' });
    await auth.login();
    assert.deepEqual([...map.keys()], ['mine']);
    assert.equal(wx.storage.size, 0);
    await auth.logout();
    assert.equal(map.size, 0);
  });
});
