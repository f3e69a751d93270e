'use strict';
// wxlogin-miniprogram: the mini program side of wxlogin's HTTP contract (docs/api.md).
//
// Runs in the mini program runtimes of WeChat (and WeCom), QQ, Douyin, Alipay, Baidu and Kuaishou,
// and in uni-app: it uses only the host's API object (wx, qq, tt, my, swan, ks or uni: its login,
// request and sync storage calls) and
// plain ECMAScript. No async/await, object spread or optional chaining, so it needs neither the
// devtools' "enhanced compile" nor a regenerator runtime. This file is the only source:
// scripts/build-esm.js derives esm/index.mjs from it.

var DEFAULT_STORAGE_KEY = 'wxlogin_session';

// A token is given up a little before the service says it expires, so that a request does not leave
// with a token that dies on the way: 10% of its lifetime, at most 30 seconds.
var MAX_EARLY_MS = 30000;

// The codes after which a fresh login code may succeed where this one failed (errors.md).
var RETRY_LOGIN_CODES = { code_used: true, invalid_code: true };

// The platforms the SDK logs in on, by the contract's word for them (API.md, "Platforms"): the
// global that holds the host's API, uni-app's `provider` for it (none for WeCom: uni.login has no
// WeCom login), and the host's login call.
var PLATFORMS = {
  wechat: { globalName: 'wx', provider: 'weixin', login: 'wx.login' },
  qq: { globalName: 'qq', provider: 'qq', login: 'qq.login' },
  douyin: { globalName: 'tt', provider: 'toutiao', login: 'tt.login' },
  alipay: { globalName: 'my', provider: 'alipay', login: 'my.getAuthCode' },
  baidu: { globalName: 'swan', provider: 'baidu', login: 'swan.getLoginCode' },
  kuaishou: { globalName: 'ks', provider: 'kuaishou', login: 'ks.login' },
  wecom: { globalName: 'wx', provider: null, login: 'wx.qy.login' },
};

// The order in which hosts are looked for. WeChat comes last: a QQ mini program may answer to `wx`
// too, for code written for WeChat, and so may other hosts; none but its own defines `tt`, `qq`,
// `my`, `swan` or `ks`. WeCom is never found by looking: inside WeCom the host is `wx` as in
// WeChat, and a WeChat mini program opened there keeps logging in as WeChat (wx.login, its openid)
// unless the app asks for `platform: 'wecom'` (wx.qy.login, corpid + userid): a different identity.
var DETECTION_ORDER = ['douyin', 'qq', 'alipay', 'baidu', 'kuaishou', 'wechat'];

// What a phone button's failure (e.detail without a proof) becomes: WeChat's errno 1400001 says the
// app's quota of paid phone verifications is spent (https://developers.weixin.qq.com/miniprogram/
// dev/framework/open-ability/getPhoneNumber.html, "查询和扣费节点说明"); the hosts spell the user's
// refusal in several ways ("getPhoneNumber:fail user deny", "…:fail:user deny", "…:user deny",
// Baidu's "…:fail auth deny").
var PHONE_QUOTA_ERRNO = 1400001;

class WxLoginError extends Error {
  constructor(code, message, props) {
    super(message || code);
    // Keeps `instanceof` working when a build step transpiles this class to ES5.
    Object.setPrototypeOf(this, WxLoginError.prototype);
    props = props || {};
    this.name = 'WxLoginError';
    this.code = code;
    this.status = props.status || 0;
    this.detail = props.detail == null ? null : props.detail;
    this.retryAfter = props.retryAfter == null ? null : props.retryAfter;
    this.problem = props.problem || null;
    this.retryWithUser = Boolean(props.retryWithUser);
    this.errno = props.errno == null ? null : props.errno;
    if (props.cause !== undefined) this.cause = props.cause;
  }
}

function createAuth(options) {
  if (!options || typeof options.baseUrl !== 'string' || !/^https?:\/\/[^/]/i.test(options.baseUrl)) {
    throw new TypeError('createAuth: baseUrl must be an http(s) URL');
  }
  if (options.appId != null && typeof options.appId !== 'string') {
    throw new TypeError('createAuth: appId must be a string');
  }
  if (options.allowGuest != null && typeof options.allowGuest !== 'boolean') {
    throw new TypeError('createAuth: allowGuest must be a boolean');
  }
  var baseUrl = options.baseUrl.replace(/\/+$/, '');
  var appId = options.appId == null ? null : options.appId;
  var host = resolveHost(options.platform, options.api);
  var api = host.api;
  var allowGuest = Boolean(options.allowGuest);
  var storageKey = options.storageKey || DEFAULT_STORAGE_KEY;
  var store = options.storage || hostStorage(host);
  var now = options.now || function () { return Date.now(); };
  var timeout = options.timeout;

  var listeners = [];
  if (typeof options.onSessionChange === 'function') listeners.push(options.onSessionChange);

  // The session held: { accessToken, refreshToken, accessExpiresAt, refreshExpiresAt, user }.
  // Kept in memory and written through to storage. Every change makes a new object, so a flight can
  // tell whether the session it started from is still the current one.
  var session = readStored();
  var loginFlight = null; // the one login in flight: every caller shares it
  var refreshFlight = null; // the one refresh in flight: a refresh token is single use
  var seenIdentities = {}; // id -> identity, from identities() and linkIdentity(): which one is this session's

  // --- the host ---------------------------------------------------------------------------------

  // The host's own client login, resolving { code, anonymousCode } (either may be null, not both).
  // `guest`: on Douyin, tt.login({ force: false }), which does not ask a visitor who is not logged
  // in to the host app to log in, and then gives only anonymousCode. The failure keeps its old name,
  // wx_login_failed, on every platform: apps branch on it.
  function platformLogin(guest) {
    return new Promise(function (resolve, reject) {
      var name = host.uni ? 'uni.login' : PLATFORMS[host.platform].login;
      // Baidu: swan.getLoginCode, and swan.login on base libraries that do not have it yet.
      var baiduOld = host.baidu && typeof api.getLoginCode !== 'function';
      if (baiduOld) name = 'swan.login';
      function succeeded(res) {
        var codes = loginCodes(host.platform, res);
        if (codes) resolve(codes);
        else reject(new WxLoginError('wx_login_failed', name + ' gave no code', { detail: errMsg(res) }));
      }
      function failed(err) {
        reject(new WxLoginError('wx_login_failed', name + ' failed: ' + errMsg(err), { detail: errMsg(err), cause: err }));
      }
      if (host.alipay) {
        // auth_base is the silent scope: the user's id only, no consent dialog.
        api.getAuthCode({ scopes: 'auth_base', success: succeeded, fail: failed });
        return;
      }
      if (host.wecom) {
        // WeCom's own login (https://developer.work.weixin.qq.com/document/path/92388); `wx.qy`
        // exists only inside WeCom (企业微信), so elsewhere this login cannot be had.
        var qy = api.qy;
        if (!qy || typeof qy.login !== 'function') {
          reject(new WxLoginError('wx_login_failed', 'wx.qy.login is not available: not running in WeCom (企业微信)', { detail: null }));
          return;
        }
        qy.login({ success: succeeded, fail: failed });
        return;
      }
      if (host.baidu) {
        // https://smartprogram.baidu.com/docs/develop/api/open/log_swan-getLoginCode/
        if (baiduOld) api.login({ success: succeeded, fail: failed });
        else api.getLoginCode({ success: succeeded, fail: failed });
        return;
      }
      // `provider` is what uni.login needs; wx.login, qq.login and tt.login ignore it.
      var o = { provider: PLATFORMS[host.platform].provider, success: succeeded, fail: failed };
      if (host.platform === 'douyin') o.force = !guest;
      if (host.platform === 'alipay') o.scopes = 'auth_base'; // uni.login on Alipay is my.getAuthCode
      api.login(o);
    });
  }

  // One HTTP exchange through the host's request. Resolves { statusCode, data, header } for any HTTP
  // status; rejects (network_error) only when no answer came.
  function send(req) {
    return new Promise(function (resolve, reject) {
      var o = {};
      var k;
      for (k in req) if (Object.prototype.hasOwnProperty.call(req, k)) o[k] = req[k];
      delete o.success;
      delete o.fail;
      delete o.complete;
      o.url = resolveUrl(req.url);
      o.method = (req.method || 'GET').toUpperCase();
      o.header = Object.assign({}, req.header);
      if (o.timeout == null && timeout != null) o.timeout = timeout;
      var answer = function (res) { resolve(res); };
      var failed = function (err) {
        reject(new WxLoginError('network_error', 'request failed: ' + errMsg(err), { detail: errMsg(err), cause: err }));
      };
      if (host.alipay) {
        alipayRequest(api, o, answer, failed);
        return;
      }
      o.success = function (res) {
        answer({ statusCode: res.statusCode, data: res.data, header: res.header || res.headers || {} });
      };
      o.fail = failed;
      api.request(o);
    });
  }

  function resolveUrl(url) {
    if (/^https?:\/\//i.test(url)) return url;
    return baseUrl + (url.charAt(0) === '/' ? url : '/' + url);
  }

  function sendJson(method, path, data, accessToken) {
    var header = { Accept: 'application/json' };
    if (data !== undefined) header['Content-Type'] = 'application/json';
    if (accessToken) header.Authorization = 'Bearer ' + accessToken;
    var req = { url: path, method: method, header: header };
    if (data !== undefined) req.data = data;
    return send(req);
  }

  // --- storage and events -----------------------------------------------------------------------

  function readStored() {
    var v;
    try {
      v = store.getItem(storageKey);
    } catch (e) {
      return null;
    }
    if (!v || typeof v !== 'object') return null;
    if (typeof v.accessToken !== 'string' || typeof v.refreshToken !== 'string') return null;
    if (typeof v.accessExpiresAt !== 'number' || typeof v.refreshExpiresAt !== 'number') return null;
    return {
      accessToken: v.accessToken,
      refreshToken: v.refreshToken,
      accessExpiresAt: v.accessExpiresAt,
      refreshExpiresAt: v.refreshExpiresAt,
      user: v.user && typeof v.user === 'object' ? v.user : null,
    };
  }

  // Only the service's own tokens, their expiry and the user object are ever stored. WeChat's
  // session_key never reaches the client, and the openid is only part of the user, never a credential.
  function persist() {
    try {
      if (session) {
        store.setItem(storageKey, {
          accessToken: session.accessToken,
          refreshToken: session.refreshToken,
          accessExpiresAt: session.accessExpiresAt,
          refreshExpiresAt: session.refreshExpiresAt,
          user: session.user,
        });
      } else {
        store.removeItem(storageKey);
      }
    } catch (e) {
      // Storage full or unavailable: the session still works for this run of the app.
    }
  }

  function emit(user, event) {
    var copy = listeners.slice();
    for (var i = 0; i < copy.length; i++) {
      try {
        copy[i](user, event);
      } catch (e) {
        if (typeof console !== 'undefined' && console.error) console.error('wxlogin: onSessionChange listener threw', e);
      }
    }
  }

  function adoptSession(body, reason, linked) {
    if (!body || typeof body.accessToken !== 'string' || typeof body.refreshToken !== 'string' || typeof body.expiresIn !== 'number') {
      throw new WxLoginError('invalid_response', 'the service answered a session without its tokens', { status: 200 });
    }
    var t = now();
    var refreshIn = typeof body.refreshExpiresIn === 'number' ? body.refreshExpiresIn : 0;
    session = {
      accessToken: body.accessToken,
      refreshToken: body.refreshToken,
      accessExpiresAt: t + body.expiresIn * 1000 - early(body.expiresIn),
      refreshExpiresAt: t + refreshIn * 1000 - early(refreshIn),
      user: body.user || null,
    };
    persist();
    var event = { reason: reason };
    if (reason === 'login') event.newUser = Boolean(body.newUser);
    if (linked) event.linked = true;
    emit(session.user, event);
    return session;
  }

  function dropSession(reason) {
    if (!session) return;
    session = null;
    persist();
    emit(null, { reason: reason });
  }

  function updateUser(user) {
    if (!session || !user || typeof user !== 'object') return;
    session = Object.assign({}, session, { user: user });
    persist();
    emit(user, { reason: 'user' });
  }

  // --- login and refresh, one flight each --------------------------------------------------------

  // `guest` (Douyin): see platformLogin; a login that starts while another is in flight shares it.
  function sharedLogin(guest) {
    if (!loginFlight) {
      var flight = (loginFlight = loginWithRetry(guest == null ? allowGuest : guest));
      var done = function () { if (loginFlight === flight) loginFlight = null; };
      flight.then(done, done);
    }
    return loginFlight;
  }

  // The host's login and POST /v1/auth/login. A code that is spent or refused (code_used,
  // invalid_code) gets one more try with a fresh code; nothing else is retried.
  function loginWithRetry(guest) {
    return loginOnce(guest).then(null, function (err) {
      if (err instanceof WxLoginError && RETRY_LOGIN_CODES[err.code]) return loginOnce(guest);
      throw err;
    });
  }

  // Douyin sends both codes when tt.login gives both (a guest's user becomes, or is linked to, the
  // real user), and anonymousCode alone for a guest; Alipay's authCode travels as `code`.
  function loginOnce(guest) {
    return platformLogin(guest).then(function (codes) {
      var body = {};
      if (codes.code) body.code = codes.code;
      if (codes.anonymousCode) body.anonymousCode = codes.anonymousCode;
      if (appId) body.appId = appId;
      return sendJson('POST', '/v1/auth/login', body).then(function (res) {
        if (res.statusCode !== 200) throw errorFrom(res);
        return adoptSession(res.data, 'login');
      });
    });
  }

  // POST /v1/auth/refresh with the held refresh token. When the service says the session is gone
  // (401, or 403 user_disabled), the session is dropped here and the error says `sessionGone`; other
  // failures (network, 5xx) keep it, since the token may still be unspent, or spent with its answer lost,
  // which the service answers again within its refresh grace.
  function sharedRefresh() {
    if (!refreshFlight) {
      var from = session;
      var flight = (refreshFlight = sendJson('POST', '/v1/auth/refresh', { refreshToken: from.refreshToken }).then(function (res) {
        if (res.statusCode === 200) {
          if (session !== from) {
            // A login replaced the session meanwhile: keep the newer one.
            if (session) return session;
            throw new WxLoginError('invalid_token', 'the session was ended while it was being refreshed', { status: 401 });
          }
          return adoptSession(res.data, 'refresh');
        }
        var err = errorFrom(res);
        if (res.statusCode === 401 || err.code === 'user_disabled') {
          err.sessionGone = true;
          if (session === from) dropSession('lost');
        }
        throw err;
      }));
      var done = function () { if (refreshFlight === flight) refreshFlight = null; };
      flight.then(done, done);
    }
    return refreshFlight;
  }

  function isFresh(s) { return now() < s.accessExpiresAt; }
  function canRefresh(s) { return Boolean(s.refreshToken) && now() < s.refreshExpiresAt; }

  // A usable session, using the budget of one request: at most one refresh and one login.
  // `refused` is the access token the service just refused (null before the first try).
  function obtainSession(refused, budget) {
    if (loginFlight) {
      budget.login = false;
      return loginFlight;
    }
    if (refreshFlight) return refreshFlight.then(null, fallBack);
    var s = session;
    if (s && s.accessToken !== refused && isFresh(s)) return Promise.resolve(s);
    if (s && budget.refresh && canRefresh(s)) {
      budget.refresh = false;
      return sharedRefresh().then(null, fallBack);
    }
    if (budget.login && budget.allowLogin) {
      budget.login = false;
      return sharedLogin();
    }
    var none = new WxLoginError('invalid_token', 'no usable session', { status: 401 });
    none.exhausted = true;
    return Promise.reject(none);

    function fallBack(err) {
      // The refresh says the session is gone (ended, reused, expired): log in again, once. Not for a
      // disabled user: the login would be refused too.
      if (err && err.sessionGone && err.code !== 'user_disabled' && budget.login && budget.allowLogin) {
        if (session && session.accessToken !== refused && isFresh(session)) return session;
        budget.login = false;
        return sharedLogin();
      }
      throw err;
    }
  }

  function newBudget(allowLogin) {
    return { refresh: true, login: true, allowLogin: allowLogin };
  }

  // Sends `req` with the access token. When the service refuses the token (401 invalid_token), it
  // refreshes (or logs in again) and sends once more; never more than three sends in all.
  function authorizedSend(req, allowLogin) {
    var budget = newBudget(allowLogin);
    var sends = 0;
    function attempt(s) {
      sends++;
      var header = {};
      for (var k in req.header) {
        // The caller's own Authorization, in any spelling, would travel next to ours.
        if (Object.prototype.hasOwnProperty.call(req.header, k) && k.toLowerCase() !== 'authorization') header[k] = req.header[k];
      }
      header.Authorization = 'Bearer ' + s.accessToken;
      var r = Object.assign({}, req, { header: header });
      return send(r).then(function (res) {
        if (!tokenRefused(res) || sends >= 3) return res;
        return obtainSession(s.accessToken, budget).then(attempt, function (err) {
          // The budget is spent, or (on a logout) the session turned out to be gone: the refusal
          // itself is the answer. Network and service failures of the renewal are rejected.
          if (err && (err.exhausted || (err.sessionGone && !budget.allowLogin))) return res;
          throw err;
        });
      });
    }
    return obtainSession(null, budget).then(attempt);
  }

  function call(method, path, data) {
    var req = { url: path, method: method, header: { Accept: 'application/json' } };
    if (data !== undefined) {
      req.data = data;
      req.header['Content-Type'] = 'application/json';
    }
    return authorizedSend(req, true).then(function (res) {
      if (res.statusCode >= 200 && res.statusCode < 300) return res.data === '' ? undefined : res.data;
      throw errorFrom(res);
    });
  }

  function settled() {
    var noop = function () {};
    return Promise.all([loginFlight, refreshFlight].map(function (flight) { return flight ? flight.then(noop, noop) : null; }));
  }

  // A login code of this app for linking: a logged-in platform user, never a guest.
  function linkCode() {
    return platformLogin(false).then(function (codes) {
      if (codes.code) return codes.code;
      throw new WxLoginError('wx_login_failed', 'tt.login gave only anonymousCode: a guest cannot be linked', { detail: null });
    });
  }

  function remember(identity) {
    if (identity && typeof identity.id === 'string') seenIdentities[identity.id] = identity;
  }

  // Whether `identity` is the one this session logged in through: the access token's app and the
  // user's openid in it.
  function isOwn(identity) {
    var claims = session && claimsOf(session.accessToken);
    return Boolean(claims && session.user && identity.appId === claims.appid && identity.openid === session.user.openid);
  }

  // --- the API ----------------------------------------------------------------------------------

  var auth = {
    login: function (opts) {
      var guest = opts && opts.allowGuest != null ? Boolean(opts.allowGuest) : allowGuest;
      return sharedLogin(guest).then(function (s) { return s.user; });
    },

    platform: function () {
      return host.platform;
    },

    ensureLogin: function () {
      return obtainSession(null, newBudget(true)).then(function (s) { return s.user; });
    },

    getAccessToken: function () {
      return obtainSession(null, newBudget(true)).then(function (s) { return s.accessToken; });
    },

    request: function (req) {
      if (!req || typeof req.url !== 'string') return Promise.reject(new TypeError('request: url is required'));
      return authorizedSend(req, true);
    },

    getUser: function () {
      return call('GET', '/v1/me').then(function (user) {
        updateUser(user);
        return user;
      });
    },

    updateProfile: function (fields) {
      var body = {};
      if (fields && fields.nickname !== undefined) body.nickname = fields.nickname;
      if (fields && fields.avatarUrl !== undefined) body.avatarUrl = fields.avatarUrl;
      return call('PATCH', '/v1/me', body).then(function (user) {
        updateUser(user);
        return user;
      });
    },

    bindPhone: function (proof) {
      // The button's e.detail of a refusal (no proof, an errMsg or errno): nothing to send.
      var refused = phoneRefusal(proof);
      if (refused) return Promise.reject(refused);
      var body = phoneProof(proof);
      if (!body) {
        return Promise.reject(new TypeError("bindPhone: a phone proof is required: the button's e.detail (or its code), or Alipay's my.getPhoneNumber result"));
      }
      return call('POST', '/v1/me/phone', body).then(function (result) {
        if (!result) return result;
        if (result.linked && result.session) {
          // WXLOGIN_LINK_BY_PHONE: this identity moved to the user who holds the number, and the
          // answer carries a session of that user. The tokens stay with the SDK.
          adoptSession(result.session, 'login', true);
          var copy = Object.assign({}, result);
          delete copy.session;
          return copy;
        }
        updateUser(result.user);
        return result;
      });
    },

    decrypt: function (encryptedData, iv, extra) {
      var src = encryptedData && typeof encryptedData === 'object' ? encryptedData : { encryptedData: encryptedData, iv: iv };
      if (extra) {
        src = Object.assign({}, src);
        if (extra.rawData !== undefined) src.rawData = extra.rawData;
        if (extra.signature !== undefined) src.signature = extra.signature;
      }
      // Baidu's swan.getUserInfo names its encrypted data `data` (smartprogram.baidu.com
      // userinfo_swan-getUserInfo): its result is taken as it is, as e.detail is on the other hosts.
      var encrypted = src.encryptedData === undefined && typeof src.data === 'string' ? src.data : src.encryptedData;
      var body = { encryptedData: encrypted, iv: src.iv };
      if (src.rawData !== undefined) body.rawData = src.rawData;
      if (src.signature !== undefined) body.signature = src.signature;
      return call('POST', '/v1/me/decrypt', body).then(
        function (result) { return result.data; },
        function (err) {
          if (!(err instanceof WxLoginError) || err.code !== 'session_key_stale') throw err;
          // The data was encrypted under a session_key the service does not hold. A new login gives
          // the service the key WeChat holds now; the data itself must be asked for again (the old
          // encryptedData stays undecryptable), so the caller has to go back to the user once.
          return sharedLogin().then(function () {
            err.retryWithUser = true;
            throw err;
          });
        }
      );
    },

    // POST /v1/me/channel/decrypt: what the mini program encrypted with wx.getUserCryptoManager's key
    // (getLatestUserKey: encryptKey, iv, version), opened by the service with the user's encrypt keys.
    // On session_key_stale, as decrypt: a new login, then a rejection with retryWithUser.
    channelDecrypt: function (encryptedData, iv, version) {
      var src = encryptedData && typeof encryptedData === 'object' ? encryptedData : { encryptedData: encryptedData, iv: iv, version: version };
      return call('POST', '/v1/me/channel/decrypt', { encryptedData: src.encryptedData, iv: src.iv, version: src.version }).then(
        function (result) { return result.data; },
        function (err) {
          if (!(err instanceof WxLoginError) || err.code !== 'session_key_stale') throw err;
          return sharedLogin().then(function () {
            err.retryWithUser = true;
            throw err;
          });
        }
      );
    },

    identities: function () {
      return call('GET', '/v1/me/identities').then(function (body) {
        var list = body && body.identities ? body.identities : [];
        for (var i = 0; i < list.length; i++) remember(list[i]);
        return list;
      });
    },

    // Links another identity to this user: { appId, code } of that app, or, by default, a fresh
    // login code of this app (the host's login). A code the SDK got itself is retried once with a
    // fresh one when refused as spent or invalid, as a login is.
    linkIdentity: function (opts) {
      opts = opts || {};
      if (opts.appId != null && (typeof opts.appId !== 'string' || !opts.appId)) return Promise.reject(new TypeError('linkIdentity: appId must be a string'));
      if (opts.code != null && (typeof opts.code !== 'string' || !opts.code)) return Promise.reject(new TypeError('linkIdentity: code must be a string'));
      var target = opts.appId || appId;
      if (!target) return Promise.reject(new TypeError('linkIdentity: appId is required (createAuth was given none)'));
      function link(code) {
        return call('POST', '/v1/me/identities', { appId: target, code: code }).then(function (result) {
          if (result) {
            remember(result.identity);
            updateUser(result.user);
          }
          return result;
        });
      }
      if (opts.code) return link(opts.code);
      // The session first (its login may use the host's login too), then the code to link.
      return obtainSession(null, newBudget(true)).then(linkCode).then(function (code) {
        return link(code).then(null, function (err) {
          if (err instanceof WxLoginError && RETRY_LOGIN_CODES[err.code]) return linkCode().then(link);
          throw err;
        });
      });
    },

    // The identity leaves the user and its sessions end: when it is the one this session logged in
    // through (as identities() or linkIdentity() showed it), the session is forgotten here too.
    unlinkIdentity: function (id) {
      if (typeof id !== 'string' || !id) return Promise.reject(new TypeError('unlinkIdentity: id is required'));
      var known = seenIdentities[id];
      var own = Boolean(known) && isOwn(known);
      return call('DELETE', '/v1/me/identities/' + encodeURIComponent(id)).then(function () {
        delete seenIdentities[id];
        if (own) dropSession('logout');
      });
    },

    sessions: function () {
      return call('GET', '/v1/sessions').then(function (body) { return body.sessions; });
    },

    endSession: function (id) {
      if (typeof id !== 'string' || !id) return Promise.reject(new TypeError('endSession: id is required'));
      var own = session && sessionIdOf(session.accessToken) === id;
      return call('DELETE', '/v1/sessions/' + encodeURIComponent(id)).then(function () {
        if (own) dropSession('logout');
      });
    },

    // Ends the session on the service, then forgets it here, whatever the service answered.
    // Resolves true when the service confirmed the session is over, false when it could not be told
    // (network failure): the session then runs out on its own.
    logout: function () {
      return settled().then(function () {
        if (!session) return false;
        return authorizedSend({ url: '/v1/auth/logout', method: 'POST' }, false).then(
          function (res) { return res.statusCode === 204 || res.statusCode === 401; },
          function (err) { return Boolean(err && err.sessionGone); }
        ).then(function (ended) {
          dropSession('logout');
          return ended;
        });
      });
    },

    onSessionChange: function (listener) {
      if (typeof listener !== 'function') throw new TypeError('onSessionChange: listener must be a function');
      listeners.push(listener);
      return function unsubscribe() {
        var i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },

    cachedUser: function () {
      return session ? session.user : null;
    },

    hasSession: function () {
      return session !== null;
    },
  };
  return auth;
}

// --- hosts ----------------------------------------------------------------------------------------

// The host's API object by its global's name, or null. Each name is spelled out: the runtimes have
// no common way to reach their globals by name.
function hostGlobal(name) {
  var g;
  if (name === 'wx') g = typeof wx !== 'undefined' ? wx : null;
  else if (name === 'qq') g = typeof qq !== 'undefined' ? qq : null;
  else if (name === 'tt') g = typeof tt !== 'undefined' ? tt : null;
  else if (name === 'my') g = typeof my !== 'undefined' ? my : null;
  else if (name === 'swan') g = typeof swan !== 'undefined' ? swan : null;
  else if (name === 'ks') g = typeof ks !== 'undefined' ? ks : null;
  else if (name === 'uni') g = typeof uni !== 'undefined' ? uni : null;
  return g && (typeof g === 'object' || typeof g === 'function') ? g : null;
}

// Which host to use: `platform` (a platform's name, or, as in 0.1, the API object itself) and
// `api` (the API object). A name with no object uses that platform's own global, else uni-app's
// `uni` (not for WeCom); no name looks for tt, qq, my, swan, ks, wx and then uni, and never picks
// WeCom. An object that is none of those globals (a wrapper, a stand-in) speaks WeChat's dialect
// unless a name says otherwise.
function resolveHost(platform, api) {
  var name = null;
  if (typeof platform === 'string') {
    if (!Object.prototype.hasOwnProperty.call(PLATFORMS, platform)) {
      throw new TypeError('createAuth: platform must be one of ' + Object.keys(PLATFORMS).join(', ') + ', or the host API object');
    }
    name = platform;
  } else if (platform != null) {
    if (typeof platform !== 'object') throw new TypeError('createAuth: platform must be a platform name or the host API object');
    if (api != null) throw new TypeError('createAuth: pass the host API object as `api` or as `platform`, not both');
    api = platform;
  }
  if (api != null && typeof api !== 'object' && typeof api !== 'function') throw new TypeError('createAuth: api must be the host API object');
  var uniApi = hostGlobal('uni');
  if (api) {
    var viaUni = api === uniApi;
    return describeHost(name || (viaUni ? 'wechat' : platformOfGlobal(api)), api, viaUni);
  }
  if (name) {
    var own = hostGlobal(PLATFORMS[name].globalName);
    if (own) return describeHost(name, own, false);
    if (uniApi && PLATFORMS[name].provider) return describeHost(name, uniApi, true);
    var missing = PLATFORMS[name].provider ? 'neither `' + PLATFORMS[name].globalName + '` nor `uni` is defined' : '`wx` is not defined';
    throw new TypeError('createAuth: platform ' + name + ': ' + missing + '; pass `api`');
  }
  for (var i = 0; i < DETECTION_ORDER.length; i++) {
    var found = hostGlobal(PLATFORMS[DETECTION_ORDER[i]].globalName);
    if (found) return describeHost(DETECTION_ORDER[i], found, false);
  }
  if (uniApi) return describeHost('wechat', uniApi, true);
  throw new TypeError('createAuth: no platform: none of wx, tt, qq, my, swan, ks or uni is defined; pass `platform` or `api`');
}

function platformOfGlobal(api) {
  for (var i = 0; i < DETECTION_ORDER.length; i++) {
    if (api === hostGlobal(PLATFORMS[DETECTION_ORDER[i]].globalName)) return DETECTION_ORDER[i];
  }
  return 'wechat';
}

function describeHost(platform, api, viaUni) {
  if (viaUni && !PLATFORMS[platform].provider) {
    throw new TypeError('createAuth: platform ' + platform + ': uni.login has no ' + platform + ' login; pass `api: wx` (WeCom runs the WeChat runtime, whose `wx.qy.login` the SDK calls)');
  }
  // `alipay`: the object speaks my's own dialect (getAuthCode, my.request, storage by { key }).
  // `baidu`: swan.getLoginCode; `wecom`: wx.qy.login; both with wx's request and storage.
  return {
    platform: platform,
    api: api,
    uni: viaUni,
    alipay: platform === 'alipay' && !viaUni,
    baidu: platform === 'baidu' && !viaUni,
    wecom: platform === 'wecom',
  };
}

// Alipay's sync storage takes and answers objects (https://opendocs.alipay.com/mini/api/
// (my.getStorageSync)); uni-app does the same translation in its Alipay shims.
function hostStorage(host) {
  var api = host.api;
  if (host.alipay) {
    return {
      getItem: function (key) {
        var res = api.getStorageSync({ key: key });
        return res && res.data != null ? res.data : '';
      },
      setItem: function (key, value) { api.setStorageSync({ key: key, data: value }); },
      removeItem: function (key) { api.removeStorageSync({ key: key }); },
    };
  }
  return {
    getItem: function (key) { return api.getStorageSync(key); },
    setItem: function (key, value) { api.setStorageSync(key, value); },
    removeItem: function (key) { api.removeStorageSync(key); },
  };
}

// my.request speaks its own dialect (https://opendocs.alipay.com/mini/api/owycmh): `headers` for
// `header`, and `status` and `headers` in the answer; an HTTP status of 400 or more is a failure
// (error 19), whose result carries the status, headers and body. The answer is asked for as text and
// parsed here, so that an empty 204 is no decoding failure (error 14), as wx.request's `json` does.
function alipayRequest(api, o, answer, failed) {
  var m = {};
  for (var k in o) {
    if (Object.prototype.hasOwnProperty.call(o, k) && k !== 'header') m[k] = o[k];
  }
  m.headers = {};
  for (var h in o.header) {
    if (Object.prototype.hasOwnProperty.call(o.header, h)) m.headers[h.toLowerCase()] = String(o.header[h]);
  }
  if (m.data !== undefined && typeof m.data === 'object' && m.data !== null && /json/i.test(m.headers['content-type'] || '')) {
    m.data = JSON.stringify(m.data);
  }
  var parse = m.dataType == null;
  if (parse) m.dataType = 'text';
  function shaped(res) {
    var data = res.data;
    if (parse && typeof data === 'string') data = jsonOrText(data);
    return { statusCode: res.status, data: data, header: res.headers || {} };
  }
  m.success = function (res) { answer(shaped(res)); };
  m.fail = function (err) {
    if (err && typeof err.status === 'number' && err.status >= 100) answer(shaped(err));
    else failed(err);
  };
  api.request(m);
}

function jsonOrText(text) {
  if (!/^\s*[{["]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch (e) {
    return text;
  }
}

function nonEmpty(v) {
  return typeof v === 'string' && v ? v : null;
}

// The codes in what the host's login answered: `code` (Alipay's my.getAuthCode: `authCode`; uni.login
// on Alipay already calls it `code`), and on Douyin `anonymousCode`, which a guest has alone.
function loginCodes(platform, res) {
  if (!res || typeof res !== 'object') return null;
  var code = nonEmpty(res.code) || (platform === 'alipay' ? nonEmpty(res.authCode) : null);
  var anonymousCode = platform === 'douyin' ? nonEmpty(res.anonymousCode) : null;
  return code || anonymousCode ? { code: code, anonymousCode: anonymousCode } : null;
}

// The body of POST /v1/me/phone from what the platform's phone button or API gave:
// - the button's code (WeChat's getPhoneNumber and getRealtimePhoneNumber buttons alike, Douyin),
//   as a string or e.detail's `code`;
// - e.detail's `encryptedData` and `iv` (WeChat's older base libraries, Douyin's older button,
//   Baidu's and Kuaishou's getPhoneNumber buttons);
// - Alipay's my.getPhoneNumber result, whose `response` is a string holding JSON of the encrypted
//   `response` and its `sign`: the result, that string, or { response, sign } already taken apart.
// A code wins over encryptedData when e.detail has both.
function phoneProof(proof) {
  if (typeof proof === 'string') {
    if (proof.charAt(0) === '{') return alipayProof(jsonOrText(proof));
    return proof ? { code: proof } : null;
  }
  if (!proof || typeof proof !== 'object') return null;
  if (nonEmpty(proof.code)) return { code: proof.code };
  if (nonEmpty(proof.encryptedData) && nonEmpty(proof.iv)) return { encryptedData: proof.encryptedData, iv: proof.iv };
  if (nonEmpty(proof.response) && proof.response.charAt(0) === '{') return alipayProof(jsonOrText(proof.response));
  return alipayProof(proof);
}

// A WxLoginError when `proof` is a phone button's e.detail that carries no proof but says why (its
// errMsg, and on WeChat since the paid buttons an errno): the quota spent, the user's refusal, or
// another failure of the host. Null for anything else (a proof, or not a host's result at all).
function phoneRefusal(proof) {
  if (!proof || typeof proof !== 'object') return null;
  if (nonEmpty(proof.code) || nonEmpty(proof.encryptedData) || nonEmpty(proof.response)) return null;
  var msg = typeof proof.errMsg === 'string' ? proof.errMsg : null;
  var errno = typeof proof.errno === 'number' ? proof.errno : /^\d+$/.test(proof.errno) ? parseInt(proof.errno, 10) : null;
  if (msg === null && errno === null) return null;
  var props = { detail: msg, errno: errno };
  var said = (msg || 'errno ' + errno);
  if (errno === PHONE_QUOTA_ERRNO) {
    return new WxLoginError('phone_quota_exhausted', 'the phone button gave no code: the app\'s quota of phone verifications is spent (' + said + ')', props);
  }
  if (msg !== null && /deny|denied|cancel/i.test(msg)) {
    return new WxLoginError('phone_denied', 'the user did not share a phone number (' + said + ')', props);
  }
  return new WxLoginError('phone_unavailable', 'the phone button gave no proof (' + said + ')', props);
}

function alipayProof(o) {
  if (!o || typeof o !== 'object' || !nonEmpty(o.response)) return null;
  var body = { response: o.response };
  // Without a signing method set in Alipay's console there is no sign; the service then refuses.
  if (nonEmpty(o.sign)) body.sign = o.sign;
  return body;
}

// --- helpers --------------------------------------------------------------------------------------

function early(lifetimeSeconds) {
  return Math.min(MAX_EARLY_MS, lifetimeSeconds * 100);
}

function errMsg(x) {
  if (x && typeof x.errMsg === 'string') return x.errMsg;
  if (x && typeof x.errorMessage === 'string') return x.errorMessage; // Alipay's fail results
  if (x && typeof x.message === 'string') return x.message;
  return String(x);
}

function headerValue(header, name) {
  if (!header) return undefined;
  var lower = name.toLowerCase();
  for (var k in header) {
    if (Object.prototype.hasOwnProperty.call(header, k) && k.toLowerCase() === lower) return header[k];
  }
  return undefined;
}

// The service refused the access token: 401 with the problem code invalid_token, or for another
// backend that verifies the token itself, RFC 6750's WWW-Authenticate: Bearer error="invalid_token".
function tokenRefused(res) {
  if (res.statusCode !== 401) return false;
  if (res.data && typeof res.data === 'object' && res.data.code === 'invalid_token') return true;
  var challenge = headerValue(res.header, 'WWW-Authenticate');
  return typeof challenge === 'string' && /invalid_token/.test(challenge);
}

// Retry-After is whole seconds (errors.md); an HTTP date is turned into seconds from now.
function parseRetryAfter(value) {
  if (value == null) return null;
  var s = String(value).trim();
  if (/^\d+$/.test(s)) return parseInt(s, 10);
  var when = Date.parse(s);
  if (isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

function errorFrom(res) {
  var problem = res.data && typeof res.data === 'object' ? res.data : null;
  var code = problem && typeof problem.code === 'string' ? problem.code : 'http_' + res.statusCode;
  var detail = problem && typeof problem.detail === 'string' ? problem.detail : null;
  var title = problem && typeof problem.title === 'string' ? problem.title : 'HTTP ' + res.statusCode;
  return new WxLoginError(code, detail ? title + ': ' + detail : title, {
    status: res.statusCode,
    detail: detail,
    retryAfter: parseRetryAfter(headerValue(res.header, 'Retry-After')),
    problem: problem,
  });
}

var BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// The `sid` claim of an access token (the id GET /v1/sessions shows). Read, not verified: it only
// tells whether endSession(id) ends this device's own session.
function sessionIdOf(jwt) {
  var claims = claimsOf(jwt);
  return claims && typeof claims.sid === 'string' ? claims.sid : null;
}

// The claims of an access token, read, not verified, or null.
function claimsOf(jwt) {
  try {
    var part = jwt.split('.')[1];
    var bits = 0;
    var acc = 0;
    var escaped = '';
    for (var i = 0; i < part.length; i++) {
      var v = BASE64URL.indexOf(part.charAt(i));
      if (v < 0) return null;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        var byte = (acc >> bits) & 0xff;
        acc &= (1 << bits) - 1;
        escaped += '%' + (byte < 16 ? '0' : '') + byte.toString(16);
      }
    }
    var claims = JSON.parse(decodeURIComponent(escaped));
    return claims && typeof claims === 'object' ? claims : null;
  } catch (e) {
    return null;
  }
}

// --- exports (scripts/build-esm.js turns this block into ESM exports) ---
module.exports = { createAuth: createAuth, WxLoginError: WxLoginError };
