'use strict';
// Stand-ins for the other hosts' API objects, as the SDK uses them, in the shapes their docs give.
// Each login fetches its codes from the simulator's POST /wechat-sim/sim/login for the named test
// user of `appId`, as that platform's client would get them; requests are real HTTP calls.
//
//   fakeQq     qq.login({ success })                       → { code }          (q.qq.com … port_login)
//   fakeTt     tt.login({ force, success })                → { code, anonymousCode, isLogin }
//              A `guest` is not logged in to Douyin: tt.login({ force: false }) gives anonymousCode
//              only; with force (the default) the host asks them to log in, and they do.
//              (developer.open-douyin.com … log-in/tt-login)
//   fakeMy     my.getAuthCode({ scopes, success })         → { authCode, authSuccessScopes, authErrorScopes }
//              my.request({ headers, dataType })           → success { status, headers, data };
//                                                            a status ≥ 400 fails with error 19 (and the answer)
//              my.getStorageSync({ key })                  → { data }; setStorageSync({ key, data })
//              No `login`: the SDK must not call it.       (opendocs.alipay.com/mini/api/…)
//   fakeUni    uni.login({ provider, scopes, force, success }): the host behind `provider` as uni-app
//              maps it: Douyin's codes as they are, Alipay's authCode renamed `code`.
//   fakeSwan   swan.getLoginCode({ success })              → { code, errMsg }  (smartprogram.baidu.com …
//              log_swan-getLoginCode); swan.login is not called when getLoginCode is there.
//   fakeKs     ks.login({ success })                       → { code }          (mp.kuaishou.com …)
//   fakeWeCom  `wx` inside WeCom (企业微信): wx.qy.login({ success }) → { code, errMsg } of the corp
//              (developer.work.weixin.qq.com document 92388), getSystemInfoSync() → { environment:
//              'wxwork' }; wx.login still gives the code of the corp's WeChat-side mini program.
// Every call is recorded (calls.login counts logins, calls.loginOptions keeps what they were given).
const { fakeWx } = require('./fake-wx');
const { httpJson, httpText } = require('./http');

/** POST /sim/login; `extra` e.g. Douyin's { anonymous: true } for a visitor not logged in to the host. */
function simLogin(base, appId, user, extra = {}) {
  return httpJson('POST', `${base}/wechat-sim/sim/login`, { appId, user, ...extra }).then((res) => {
    if (res.statusCode !== 200) throw new Error(`simulator /sim/login ${appId}: ${res.statusCode} ${JSON.stringify(res.data)}`);
    return res.data;
  });
}

/**
 * wx-shaped request and storage, with a `login` whose success answers `answer(sim, options)` from
 * /sim/login's answer (asked with `simExtra(options)`).
 */
function withLogin({ base, appId, user }, answer, simExtra = () => ({})) {
  const host = fakeWx({ base, appId, user });
  host.calls.loginOptions = [];
  host.login = (options) => {
    host.calls.login++;
    host.calls.loginOptions.push({ ...options, success: undefined, fail: undefined });
    simLogin(base, appId, user, simExtra(options)).then(
      (sim) => setTimeout(() => options.success({ ...answer(sim, options), errMsg: 'login:ok' }), 0),
      (err) => options.fail({ errMsg: `login:fail ${err.message}` }),
    );
  };
  return host;
}

function fakeQq(o) {
  return withLogin(o, (sim) => ({ code: sim.code }));
}

function fakeTt({ guest = false, ...o }) {
  const staysGuest = (options) => guest && options.force === false;
  return withLogin(
    o,
    (sim, options) => (staysGuest(options)
      ? { anonymousCode: sim.anonymousCode, isLogin: false }
      : { code: sim.code, anonymousCode: sim.anonymousCode, isLogin: true }),
    (options) => (staysGuest(options) ? { anonymous: true } : {}),
  );
}

function fakeUni(o) {
  return withLogin(o, (sim, options) => {
    if (options.provider === 'toutiao') return { code: sim.code, anonymousCode: sim.anonymousCode };
    return { code: sim.code }; // uni-mp-alipay's protocols rename my.getAuthCode's authCode to code
  });
}

function fakeMy({ base, appId, user }) {
  const storage = new Map();
  const calls = { login: 0, loginOptions: [], requests: [] };
  const my = {
    calls,
    storage,

    getAuthCode(options) {
      calls.login++;
      calls.loginOptions.push({ scopes: options.scopes });
      simLogin(base, appId, user).then(
        (sim) => setTimeout(() => options.success({ authCode: sim.code, authSuccessScopes: ['auth_base'], authErrorScopes: {} }), 0),
        (err) => options.fail({ error: 11, errorMessage: err.message }),
      );
    },

    request({ url, method = 'GET', headers = {}, data, dataType = 'json', success, fail }) {
      method = method.toUpperCase();
      let target = url;
      let body;
      if (data !== undefined && data !== null) {
        if (method === 'GET') {
          const q = new URLSearchParams(data).toString();
          if (q) target += (url.includes('?') ? '&' : '?') + q;
        } else {
          body = typeof data === 'string' ? data : JSON.stringify(data);
        }
      }
      const record = { url: target, path: new URL(target).pathname, method, headers: { ...headers }, data, dataType };
      calls.requests.push(record);
      httpText(method, target, body, headers).then(
        (res) => {
          let out = res.text;
          if (dataType === 'json') {
            try { out = JSON.parse(res.text); } catch { return fail({ error: 14, errorMessage: 'JSON parse data error' }); }
          }
          record.statusCode = res.statusCode;
          try { record.response = JSON.parse(res.text); } catch { record.response = res.text; }
          const answer = { status: res.statusCode, headers: res.header, data: out };
          if (res.statusCode >= 400) fail({ error: 19, errorMessage: 'http status error', ...answer });
          else success(answer);
        },
        (err) => fail({ error: 12, errorMessage: err.message }),
      );
    },

    getStorageSync({ key }) { return { data: storage.has(key) ? JSON.parse(storage.get(key)) : null }; },
    setStorageSync({ key, data }) { storage.set(key, JSON.stringify(data)); },
    removeStorageSync({ key }) { storage.delete(key); },
  };
  my.count = (path, m) => calls.requests.filter((r) => r.path === path && (!m || r.method === m)).length;
  return my;
}

function fakeSwan(o) {
  const host = withLogin(o, (sim) => ({ code: sim.code }));
  host.getLoginCode = host.login; // recorded in calls.login like any host's login
  host.login = () => { throw new Error('swan.login called although swan.getLoginCode is there'); };
  return host;
}

function fakeKs(o) {
  return withLogin(o, (sim) => ({ code: sim.code }));
}

/** `wx` in WeCom: wx.qy.login for `corpId`'s user, wx.login (calls.login) for `wechatAppId`'s. */
function fakeWeCom({ base, corpId, wechatAppId, user }) {
  const wx = fakeWx({ base, appId: wechatAppId, user });
  wx.calls.qyLogin = 0;
  wx.qy = {
    login(options) {
      wx.calls.qyLogin++;
      simLogin(base, corpId, user).then(
        (sim) => setTimeout(() => options.success({ code: sim.code, errMsg: 'qy.login:ok' }), 0),
        (err) => options.fail({ errMsg: `qy.login:fail ${err.message}` }),
      );
    },
  };
  wx.getSystemInfoSync = () => ({ environment: 'wxwork', platform: 'devtools' });
  return wx;
}

module.exports = { fakeQq, fakeTt, fakeMy, fakeUni, fakeSwan, fakeKs, fakeWeCom, simLogin };
