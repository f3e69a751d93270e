'use strict';
// wxlogin-miniprogram: the mini program side of wxlogin's HTTP contract (docs/api.md).
//
// Runs in the WeChat mini program runtime (and uni-app): it uses only the platform object it is
// given (wx or uni: login, request, get/set/removeStorageSync) and plain ECMAScript. No async/await,
// object spread or optional chaining, so it needs neither the devtools' "enhanced compile" nor a
// regenerator runtime. This file is the only source: scripts/build-esm.js derives esm/index.mjs
// from it.

var DEFAULT_STORAGE_KEY = 'wxlogin_session';

// A token is given up a little before the service says it expires, so that a request does not leave
// with a token that dies on the way: 10% of its lifetime, at most 30 seconds.
var MAX_EARLY_MS = 30000;

// The codes after which a fresh wx.login() code may succeed where this one failed (errors.md).
var RETRY_LOGIN_CODES = { code_used: true, invalid_code: true };

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
  var baseUrl = options.baseUrl.replace(/\/+$/, '');
  var appId = options.appId == null ? null : options.appId;
  var platform = options.platform || defaultPlatform();
  var storageKey = options.storageKey || DEFAULT_STORAGE_KEY;
  var store = options.storage || platformStorage(platform);
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

  // --- platform ---------------------------------------------------------------------------------

  function wxLogin() {
    return new Promise(function (resolve, reject) {
      platform.login({
        provider: 'weixin', // uni.login needs it outside the WeChat runtime; wx.login ignores it
        success: function (res) {
          if (res && typeof res.code === 'string' && res.code) resolve(res.code);
          else reject(new WxLoginError('wx_login_failed', 'wx.login gave no code', { detail: errMsg(res) }));
        },
        fail: function (err) {
          reject(new WxLoginError('wx_login_failed', 'wx.login failed: ' + errMsg(err), { detail: errMsg(err), cause: err }));
        },
      });
    });
  }

  // One HTTP exchange through platform.request. Resolves { statusCode, data, header } for any HTTP
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
      o.success = function (res) {
        resolve({ statusCode: res.statusCode, data: res.data, header: res.header || res.headers || {} });
      };
      o.fail = function (err) {
        reject(new WxLoginError('network_error', 'request failed: ' + errMsg(err), { detail: errMsg(err), cause: err }));
      };
      platform.request(o);
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

  function adoptSession(body, reason) {
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

  function sharedLogin() {
    if (!loginFlight) {
      var flight = (loginFlight = loginWithRetry());
      var done = function () { if (loginFlight === flight) loginFlight = null; };
      flight.then(done, done);
    }
    return loginFlight;
  }

  // wx.login() and POST /v1/auth/login. A code that is spent or refused (code_used, invalid_code)
  // gets one more try with a fresh code; nothing else is retried.
  function loginWithRetry() {
    return loginOnce().then(null, function (err) {
      if (err instanceof WxLoginError && RETRY_LOGIN_CODES[err.code]) return loginOnce();
      throw err;
    });
  }

  function loginOnce() {
    return wxLogin().then(function (code) {
      var body = { code: code };
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

  // --- the API ----------------------------------------------------------------------------------

  var auth = {
    login: function () {
      return sharedLogin().then(function (s) { return s.user; });
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

    bindPhone: function (code) {
      if (typeof code !== 'string' || !code) return Promise.reject(new TypeError('bindPhone: code (e.detail.code) is required'));
      return call('POST', '/v1/me/phone', { code: code }).then(function (result) {
        if (result) updateUser(result.user);
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
      var body = { encryptedData: src.encryptedData, iv: src.iv };
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

// --- helpers --------------------------------------------------------------------------------------

function defaultPlatform() {
  if (typeof wx !== 'undefined' && wx) return wx;
  if (typeof uni !== 'undefined' && uni) return uni;
  throw new TypeError('createAuth: no platform: neither wx nor uni is defined; pass `platform`');
}

function platformStorage(p) {
  return {
    getItem: function (key) { return p.getStorageSync(key); },
    setItem: function (key, value) { p.setStorageSync(key, value); },
    removeItem: function (key) { p.removeStorageSync(key); },
  };
}

function early(lifetimeSeconds) {
  return Math.min(MAX_EARLY_MS, lifetimeSeconds * 100);
}

function errMsg(x) {
  if (x && typeof x.errMsg === 'string') return x.errMsg;
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
    return typeof claims.sid === 'string' ? claims.sid : null;
  } catch (e) {
    return null;
  }
}

// --- exports (scripts/build-esm.js turns this block into ESM exports) ---
module.exports = { createAuth: createAuth, WxLoginError: WxLoginError };
