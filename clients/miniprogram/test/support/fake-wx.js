'use strict';
// A stand-in for the mini program's `wx` (or `uni`) object, as the SDK uses it:
//   login({success, fail})      a code from the WeChat simulator's POST /sim/login for `user`
//                               (or, first, the codes queued in `codes`: spent or made-up ones)
//   request({url, method, data, header, success, fail})   a real HTTP call; GET data becomes the query
//   getStorageSync / setStorageSync / removeStorageSync   an in-memory map (values copied, as wx does)
// Every call is recorded, so tests count logins, refreshes and what was sent.
const { httpJson } = require('./http');

function fakeWx({ base, appId, user, codes = [] }) {
  const storage = new Map();
  const calls = { login: 0, requests: [] };
  const queued = [...codes];

  const wx = {
    calls,
    storage,
    queueCode(code) { queued.push(code); },

    login({ success, fail }) {
      calls.login++;
      if (queued.length) {
        const code = queued.shift();
        setTimeout(() => success({ code, errMsg: 'login:ok' }), 0);
        return;
      }
      httpJson('POST', `${base}/wechat-sim/sim/login`, { appId, user }).then(
        (res) => (res.statusCode === 200 ? success({ code: res.data.code, errMsg: 'login:ok' }) : fail({ errMsg: `login:fail ${res.statusCode}` })),
        (err) => fail({ errMsg: `login:fail ${err.message}` }),
      );
    },

    request({ url, method = 'GET', data, header = {}, success, fail }) {
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
      const record = { url: target, path: new URL(target).pathname, method, header: { ...header }, data };
      calls.requests.push(record);
      httpJson(method, target, body, header).then(
        (res) => {
          record.statusCode = res.statusCode;
          record.response = res.data;
          success({ statusCode: res.statusCode, data: res.data, header: res.header, errMsg: 'request:ok' });
        },
        (err) => fail({ errMsg: `request:fail ${err.message}` }),
      );
    },

    getStorageSync(key) { return storage.has(key) ? JSON.parse(storage.get(key)) : ''; },
    setStorageSync(key, value) { storage.set(key, JSON.stringify(value)); },
    removeStorageSync(key) { storage.delete(key); },
  };

  /** Calls made to one path of the service (e.g. '/v1/auth/refresh'). */
  wx.count = (path, method) => calls.requests.filter((r) => r.path === path && (!method || r.method === method)).length;
  return wx;
}

module.exports = { fakeWx };
