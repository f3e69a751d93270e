'use strict';
// The demo mini program, run in Node against the real SDK and the real service: `node --test test/`
// from examples/miniprogram (Node 20 or newer, no npm dependencies).
//
// - The service: the packaged jar in dev mode (WeChat simulator inside), on a free port with a fresh
//   data directory, started and stopped by the SDK's own test support (clients/miniprogram/test/
//   support/service.js; WXLOGIN_SERVER_JAR overrides the jar, default
//   wxlogin-server/target/wxlogin-server.jar of this repository).
// - The SDK: package.json depends on "file:../../clients/miniprogram", but nothing is installed.
//   A small hook on Node's module resolution (below) sends require('wxlogin-miniprogram') to that
//   folder, whose package.json "main" is src/index.js: the very file "Build npm" would copy.
// - The mini program runtime: the globals the demo uses (wx, App, Page, getApp), with a `wx` whose
//   request makes real HTTP calls (the SDK's test stand-in, clients/miniprogram/test/support/
//   fake-wx.js) and whose UI calls (showToast, showModal, …) are recorded. Pages are instantiated
//   as the runtime does: a copy of `data`, the methods on the instance, `setData` merging into
//   `this.data`, onLoad then onShow. Event handlers are called with event objects shaped like
//   WeChat's ({ detail, currentTarget: { dataset } }).
// The demo's own config.js is loaded and pointed at the test service (baseUrl); with
// useSimulator, login codes come from the demo's utils/simulator.js, as in DevTools.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SDK_DIR = path.join(REPO, 'clients', 'miniprogram');
const DEMO_ROOT = path.resolve(__dirname, '..', 'miniprogram');

// require('wxlogin-miniprogram') → clients/miniprogram (what `npm install` would link), without
// node_modules/. Only this one name is redirected; everything else resolves as usual.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'wxlogin-miniprogram' ? SDK_DIR : request, ...rest);
};

const { createAuth } = require('wxlogin-miniprogram');
const { startService } = require(path.join(SDK_DIR, 'test', 'support', 'service'));
const { fakeWx } = require(path.join(SDK_DIR, 'test', 'support', 'fake-wx'));
const { httpJson } = require(path.join(SDK_DIR, 'test', 'support', 'http'));

// utils/errors.js logs each error it shows, whole, with console.warn('[wxlogin demo]', err): kept
// here for the assertions instead of cluttering the test output.
const demoWarnings = [];
const consoleWarn = console.warn;
console.warn = (...args) => (args[0] === '[wxlogin demo]' ? demoWarnings.push(args[1]) : consoleWarn(...args));

const APP = 'wx0000000000000001';
const APP2 = 'wx0000000000000002'; // same open-platform group: the same user id through the unionid
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN miniProgram';
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN miniProgram';

let service;

before(async () => {
  service = await startService();
}, { timeout: 150000 });

after(async () => {
  if (service) await service.stop();
});

// ---- the mini program runtime, as far as the demo uses it ------------------------------------

function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// setData keys may be paths: 'user.nickname', 'sessions[0].id'.
function setPath(target, key, value) {
  const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.');
  let o = target;
  for (let i = 0; i < parts.length - 1; i++) {
    if (o[parts[i]] == null || typeof o[parts[i]] !== 'object') o[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    o = o[parts[i]];
  }
  o[parts[parts.length - 1]] = value;
}

/** wx for the demo: real HTTP and storage from the SDK's stand-in, UI calls recorded. */
function demoWx({ base, appId, user, userAgent = IPHONE_UA }) {
  const wx = fakeWx({ base, appId, user });
  const ui = { toasts: [], modals: [], modalAnswers: [], loadings: [], pullDownStops: 0, navigations: [], sdkVersion: '3.3.4' };
  const later = (fn, arg) => setTimeout(() => fn && fn(arg), 0);
  const plainRequest = wx.request;
  Object.assign(wx, {
    ui,
    // The WeChat client sends its own User-Agent with every request; a mini program cannot set it.
    request(o) {
      let record; // the stand-in's record of this call: it keeps the request, here the answer's header too
      plainRequest({
        ...o,
        header: { 'User-Agent': userAgent, ...(o.header || {}) },
        success(res) {
          record.responseHeader = res.header;
          if (o.success) o.success(res);
        },
      });
      record = wx.calls.requests[wx.calls.requests.length - 1];
    },
    showToast(o) { ui.toasts.push({ title: o.title, icon: o.icon }); later(o.success, { errMsg: 'showToast:ok' }); },
    showModal(o) {
      ui.modals.push({ title: o.title, content: o.content });
      const confirm = ui.modalAnswers.length ? ui.modalAnswers.shift() : true;
      const res = { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
      later(o.success, res);
      later(o.complete, res);
    },
    showLoading(o) { ui.loadings.push(o.title); },
    hideLoading() { ui.loadings.push(null); },
    stopPullDownRefresh() { ui.pullDownStops++; },
    navigateTo(o) { ui.navigations.push({ navigateTo: o.url }); },
    redirectTo(o) { ui.navigations.push({ redirectTo: o.url }); },
    switchTab(o) { ui.navigations.push({ switchTab: o.url }); },
    reLaunch(o) { ui.navigations.push({ reLaunch: o.url }); },
    navigateBack() { ui.navigations.push({ navigateBack: true }); },
    getAppBaseInfo() { return { SDKVersion: ui.sdkVersion, language: 'zh_CN' }; },
    getSystemInfoSync() { return { SDKVersion: ui.sdkVersion, platform: 'ios' }; },
    getAccountInfoSync() { return { miniProgram: { appId, envVersion: 'develop' } }; },
  });
  wx.lastToast = () => (ui.toasts.length ? ui.toasts[ui.toasts.length - 1].title : null);
  return wx;
}

/**
 * Loads the demo afresh (its modules, config and app.js), as a cold start of the mini program on a
 * phone with empty storage, and runs App's onLaunch. `config` overrides config.js's settings.
 */
function launch({ config: overrides = {}, wxUser = 'alice', userAgent, storage } = {}) {
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(DEMO_ROOT + path.sep)) delete require.cache[file];
  }
  const config = require(path.join(DEMO_ROOT, 'config.js'));
  Object.assign(config, { baseUrl: service.base }, overrides);
  // wx.login of this stand-in answers as real WeChat would for `wxUser`: the demo uses it only with
  // useSimulator: false (with it, utils/simulator.js replaces login).
  const wx = demoWx({ base: service.base, appId: config.appId, user: wxUser, userAgent });
  if (storage) for (const [k, v] of storage) wx.storage.set(k, v); // what an earlier run left

  let app = null;
  let loadingFile = null;
  const pageDefs = new Map();
  const stack = [];
  Object.assign(globalThis, {
    wx,
    App(def) { app = def; },
    Page(def) { pageDefs.set(loadingFile, def); },
    getApp() { return app; },
    getCurrentPages() { return stack.slice(); },
  });
  require(path.join(DEMO_ROOT, 'app.js'));
  assert.ok(app, 'app.js calls App()');
  app.onLaunch({ path: 'pages/profile/profile', query: {}, scene: 1001 });

  function open(route) {
    const file = path.join(DEMO_ROOT, route + '.js');
    if (!pageDefs.has(file)) {
      loadingFile = file;
      require(file);
      loadingFile = null;
    }
    const def = pageDefs.get(file);
    assert.ok(def, route + '.js calls Page()');
    const page = { route };
    for (const key of Object.keys(def)) {
      if (key !== 'data') page[key] = typeof def[key] === 'function' ? def[key] : clone(def[key]);
    }
    page.data = clone(def.data || {});
    page.setData = function setData(patch, callback) {
      for (const key of Object.keys(patch)) setPath(page.data, key, clone(patch[key]));
      if (callback) setTimeout(callback, 0); // after the view has rendered
    };
    stack.push(page);
    if (page.onLoad) page.onLoad({});
    if (page.onShow) page.onShow();
    if (page.onReady) page.onReady();
    return page;
  }

  function close(page) {
    if (page.onUnload) page.onUnload();
    stack.splice(stack.indexOf(page), 1);
  }

  return { wx, app, config, open, close };
}

/** A WeChat-shaped event for a handler. */
function event(detail, dataset = {}) {
  return { type: 'custom', detail, currentTarget: { dataset }, target: { dataset } };
}

/** Waits until `check()` is truthy (the demo's handlers do not hand back their promises). */
async function until(check, what, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for: ' + what);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits for the next toast after `before` toasts and returns its title. */
async function nextToast(wx, before, what) {
  await until(() => wx.ui.toasts.length > before, 'a toast: ' + what);
  return wx.ui.toasts[before].title;
}

/** Requests the demo sent to `path` (optionally by method). */
function sent(wx, urlPath, method) {
  return wx.calls.requests.filter((r) => r.path === urlPath && (!method || r.method === method));
}

async function sim(method, urlPath, body) {
  const res = await httpJson(method, `${service.base}/wechat-sim${urlPath}`, body);
  assert.ok(res.statusCode < 300, `simulator ${method} ${urlPath}: ${res.statusCode} ${JSON.stringify(res.data)}`);
  return res.data;
}

/** Asks the service directly whether an access token is still accepted. */
async function tokenAccepted(accessToken) {
  const res = await httpJson('GET', `${service.base}/v1/me`, undefined, { Authorization: `Bearer ${accessToken}` });
  return res.statusCode === 200;
}

function storedSession(wx) {
  return wx.getStorageSync('wxlogin_session');
}

/** Another phone of the same WeChat user, with the SDK used directly. */
function otherDevice(appId, user, userAgent) {
  const wx = fakeWx({ base: service.base, appId, user });
  const plain = wx.request;
  wx.request = (o) => plain({ ...o, header: { 'User-Agent': userAgent, ...(o.header || {}) } });
  return { wx, auth: createAuth({ baseUrl: service.base, appId, platform: wx }) };
}

// ---- one phone, every user path, in order -------------------------------------------------------

describe('the demo on one phone, user alice (simulator codes, as in DevTools)', () => {
  let demo;
  let wx;
  let profile;
  let devices;
  let alice; // the user as the launch login made it
  let phoneA; // the other devices of alice
  let phoneB;

  it('logs in silently at launch, through utils/simulator.js and the SDK', async () => {
    demo = launch({ config: { simUser: 'alice', simPhoneNumber: null } });
    wx = demo.wx;
    alice = await demo.app.ready;
    assert.ok(alice, 'app.ready resolves the user');
    assert.match(alice.id, /^u_/);
    assert.match(alice.openid, /^o/);
    assert.ok(alice.unionid, 'wx0000000000000001 is in an open-platform group');
    assert.deepEqual(demo.app.globalData.user, alice);
    assert.equal(demo.app.auth.hasSession(), true);
    assert.equal(sent(wx, '/wechat-sim/sim/login', 'POST').length, 1);
    assert.equal(sent(wx, '/v1/auth/login', 'POST').length, 1);
    assert.deepEqual(sent(wx, '/v1/auth/login')[0].data.appId, APP);
    assert.deepEqual(Object.keys(storedSession(wx)).sort(), ['accessExpiresAt', 'accessToken', 'refreshExpiresAt', 'refreshToken', 'user']);
    assert.deepEqual(wx.ui.toasts, []);
  });

  it('profile (我的) shows the user', async () => {
    profile = demo.open('pages/profile/profile');
    await until(() => !profile.data.loading, 'profile to leave its loading state');
    assert.equal(profile.data.user.id, alice.id);
    assert.equal(profile.data.user.openid, alice.openid);
    assert.match(profile.data.createdAtShown, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(profile.data.nicknameValue, '');
    assert.equal(profile.data.phoneShown, '');
    assert.equal(profile.data.avatarShown, '');
    assert.equal(profile.data.useSimulator, true);
    assert.equal(profile.data.simUser, 'alice');
  });

  it('nickname (type="nickname"): saved after WeChat\'s review passes, once for confirm and blur', async () => {
    const toasts = wx.ui.toasts.length;
    profile.onNicknameConfirm(event({ value: '  小明  ' }));
    profile.onNicknameBlur(event({ value: '  小明  ' }));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(sent(wx, '/v1/me', 'PATCH').length, 0, 'nothing is saved before the review');
    profile.onNicknameReview(event({ pass: true, timeout: false }));
    assert.equal(await nextToast(wx, toasts, 'nickname saved'), '昵称已保存');
    assert.equal(profile.data.user.nickname, '小明');
    assert.equal(profile.data.nicknameValue, '小明');
    assert.equal(demo.app.globalData.user.nickname, '小明');
    const patches = sent(wx, '/v1/me', 'PATCH');
    assert.equal(patches.length, 1);
    assert.deepEqual(patches[0].data, { nickname: '小明' });
    assert.equal(patches[0].statusCode, 200);
  });

  it('nickname: refused by the review, blank, or too long → nothing saved, the saved one shown', async () => {
    let toasts = wx.ui.toasts.length;
    profile.onNicknameBlur(event({ value: '坏名字' }));
    profile.onNicknameReview(event({ pass: false, timeout: false }));
    assert.equal(await nextToast(wx, toasts, 'review refused'), '昵称未通过微信安全检测，请修改');

    profile.onNicknameBlur(event({ value: '   ' }));
    profile.onNicknameReview(event({ pass: true, timeout: false }));
    await until(() => profile.data.nicknameValue === '小明', 'the saved nickname back in the input');

    toasts = wx.ui.toasts.length;
    profile.onNicknameBlur(event({ value: 'x'.repeat(65) }));
    profile.onNicknameReview(event({ pass: true, timeout: false }));
    assert.equal(await nextToast(wx, toasts, 'too long'), '内容不符合要求（invalid_request）');
    await until(() => profile.data.nicknameValue === '小明', 'the saved nickname back in the input');
    const patches = sent(wx, '/v1/me', 'PATCH');
    assert.equal(patches.length, 2, 'only the valid one and the too long one were sent');
    assert.equal(patches[1].statusCode, 400);
    assert.equal(profile.data.user.nickname, '小明');
  });

  it('nickname on a base library without the review event: saved on blur', async () => {
    wx.ui.sdkVersion = '2.21.2';
    const old = demo.open('pages/profile/profile');
    try {
      await until(() => !old.data.loading && old.data.user, 'the second profile page');
      const toasts = wx.ui.toasts.length;
      old.onNicknameBlur(event({ value: '小明2' }));
      assert.equal(await nextToast(wx, toasts, 'nickname saved'), '昵称已保存');
      assert.equal(old.data.user.nickname, '小明2');
      // The other open profile page hears it through onSessionChange.
      assert.equal(profile.data.nicknameValue, '小明2');
    } finally {
      demo.close(old);
      wx.ui.sdkVersion = '3.3.4';
    }
  });

  it('avatar: a temporary file is only previewed here, an https URL is saved', async () => {
    let toasts = wx.ui.toasts.length;
    const patchesBefore = sent(wx, '/v1/me', 'PATCH').length;
    profile.onChooseAvatar(event({ avatarUrl: 'http://tmp/abc123.jpeg' }));
    assert.equal(await nextToast(wx, toasts, 'local avatar'), '头像仅本机预览');
    assert.equal(profile.data.avatarShown, 'http://tmp/abc123.jpeg');
    assert.equal(profile.data.avatarIsLocal, true);
    assert.equal(sent(wx, '/v1/me', 'PATCH').length, patchesBefore, 'a temporary file is not sent');
    assert.equal(profile.data.user.avatarUrl, null);

    toasts = wx.ui.toasts.length;
    profile.onChooseAvatar(event({ avatarUrl: 'https://cdn.example.com/avatars/alice.png' }));
    assert.equal(await nextToast(wx, toasts, 'avatar saved'), '头像已保存');
    assert.equal(profile.data.user.avatarUrl, 'https://cdn.example.com/avatars/alice.png');
    assert.equal(profile.data.avatarShown, 'https://cdn.example.com/avatars/alice.png', 'the saved avatar replaces the preview');
    assert.equal(profile.data.avatarIsLocal, false);
  });

  it('getPhoneNumber: the user refuses → nothing is sent', async () => {
    const toasts = wx.ui.toasts.length;
    const requests = wx.calls.requests.length;
    profile.onGetPhoneNumber(event({ errMsg: 'getPhoneNumber:fail user deny' }));
    assert.equal(await nextToast(wx, toasts, 'refused'), '已取消授权');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(wx.calls.requests.length, requests, 'no request at all');
    assert.equal(profile.data.user.phoneNumber, null);
    assert.equal(profile.data.phoneShown, '');
  });

  it('getPhoneNumber: the user agrees → the phone is bound and shown masked', async () => {
    const toasts = wx.ui.toasts.length;
    profile.onGetPhoneNumber(event({ errMsg: 'getPhoneNumber:ok', code: 'code-from-real-wechat' }));
    const title = await nextToast(wx, toasts, 'phone bound');
    const number = profile.data.user.phoneNumber;
    assert.match(number, /^13\d{9}$/, 'the simulator\'s number for alice');
    const masked = number.slice(0, 3) + '****' + number.slice(7);
    assert.equal(title, '已绑定 ' + masked);
    assert.equal(profile.data.phoneShown, masked);
    assert.equal(profile.data.phoneBusy, false);
    const bound = sent(wx, '/v1/me/phone', 'POST');
    assert.equal(bound.length, 1);
    assert.notEqual(bound[0].data.code, 'code-from-real-wechat', 'DevTools\' code is replaced by the simulator\'s');
    assert.equal(bound[0].statusCode, 200);
    assert.equal(demo.app.auth.cachedUser().phoneNumber, number);
  });

  it('the dev-only phone button binds the configured test number', async () => {
    demo.config.simPhoneNumber = '13912345678';
    const toasts = wx.ui.toasts.length;
    profile.onSimulatorPhone(event({}));
    assert.equal(await nextToast(wx, toasts, 'phone bound'), '已绑定 139****5678');
    assert.equal(profile.data.user.phoneNumber, '13912345678');
    assert.equal(profile.data.phoneShown, '139****5678');
  });

  it('profile shows changes made elsewhere when shown again (another app of the group)', async () => {
    phoneA = otherDevice(APP2, 'alice', ANDROID_UA);
    const other = await phoneA.auth.login();
    assert.equal(other.id, alice.id, 'one user across the open-platform group');
    await phoneA.auth.updateProfile({ nickname: '小明（安卓）' });
    profile.onShow();
    await until(() => profile.data.nicknameValue === '小明（安卓）', 'the nickname from the other app');
    assert.equal(profile.data.user.nickname, '小明（安卓）');
  });

  it('devices (登录设备) lists the sessions with 当前设备 on this one; pull down refreshes', async () => {
    phoneB = otherDevice(APP, 'alice', 'curl/8.5.0');
    await phoneB.auth.login();
    devices = demo.open('pages/devices/devices');
    await until(() => devices.data.state === 'ready', 'the session list');
    const list = devices.data.sessions;
    assert.equal(list.length, 3);
    const current = list.filter((s) => s.current);
    assert.equal(current.length, 1);
    assert.equal(current[0].device, 'iPhone · 微信 8.0.50');
    assert.equal(current[0].appLabel, APP + '（本小程序）');
    assert.match(current[0].createdShown, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.match(current[0].lastUsedShown, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const android = list.find((s) => s.appLabel === APP2);
    assert.ok(android, 'the other app\'s session is listed');
    assert.equal(android.device, 'Android · 微信 8.0.49.2600');
    assert.ok(list.find((s) => s.device === 'curl/8.5.0'));

    const stops = wx.ui.pullDownStops;
    devices.onPullDownRefresh();
    await until(() => wx.ui.pullDownStops === stops + 1, 'stopPullDownRefresh');
    assert.equal(devices.data.sessions.length, 3);
  });

  it('ending another device\'s session: asked first, cancel does nothing, confirm ends it', async () => {
    const android = devices.data.sessions.find((s) => s.appLabel === APP2);
    const deletes = sent(wx, '/v1/sessions/' + android.id, 'DELETE').length;
    wx.ui.modalAnswers.push(false);
    const modals = wx.ui.modals.length;
    devices.onEndSession(event({}, { id: android.id, current: false }));
    await until(() => wx.ui.modals.length > modals, 'the modal');
    assert.equal(wx.ui.modals[modals].content, '该设备上的登录将立即失效。');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(sent(wx, '/v1/sessions/' + android.id, 'DELETE').length, deletes, 'cancel sends nothing');

    const toasts = wx.ui.toasts.length;
    const token = storedSession(phoneA.wx).accessToken;
    devices.onEndSession(event({}, { id: android.id, current: false }));
    assert.equal(await nextToast(wx, toasts, 'session ended'), '会话已结束');
    await until(() => devices.data.sessions.length === 2 && devices.data.endingId === '', 'the list without it');
    assert.equal(devices.data.state, 'ready');
    assert.ok(!devices.data.sessions.some((s) => s.id === android.id));
    assert.equal(await tokenAccepted(token), false, 'the other phone\'s token is refused at once');
    assert.equal(demo.app.auth.hasSession(), true, 'this phone is still logged in');
  });

  it('ending a session that already ended shows 该会话已结束 and reloads', async () => {
    const curl = devices.data.sessions.find((s) => !s.current);
    assert.equal(await phoneB.auth.logout(), true); // ends itself meanwhile: the list is stale
    const toasts = wx.ui.toasts.length;
    devices.onEndSession(event({}, { id: curl.id, current: false }));
    assert.equal(await nextToast(wx, toasts, 'not found'), '该会话已结束（not_found）');
    await until(() => devices.data.sessions.length === 1, 'the reloaded list');
    assert.equal(devices.data.sessions[0].current, true);
  });

  it('ending this device\'s session logs out: both pages show the logged-out state', async () => {
    const mine = devices.data.sessions.find((s) => s.current);
    const token = storedSession(wx).accessToken;
    const modals = wx.ui.modals.length;
    const toasts = wx.ui.toasts.length;
    devices.onEndSession(event({}, { id: mine.id, current: true }));
    assert.equal(await nextToast(wx, toasts, 'logged out'), '已退出登录');
    assert.equal(wx.ui.modals[modals].content, '这是本设备的会话，结束后将退出登录。');
    await until(() => devices.data.endingId === '', 'the button to settle');
    assert.equal(devices.data.state, 'loggedOut');
    assert.deepEqual(devices.data.sessions, []);
    assert.equal(profile.data.user, null);
    assert.equal(profile.data.loading, false);
    assert.equal(demo.app.globalData.user, null);
    assert.equal(demo.app.auth.hasSession(), false);
    assert.equal(storedSession(wx), '', 'the tokens are forgotten');
    assert.equal(await tokenAccepted(token), false, 'the service ended it');
    devices.onGoLogin(event({}));
    assert.deepEqual(wx.ui.navigations.pop(), { switchTab: '/pages/profile/profile' });
  });

  it('logs in again with the login button, as the same user; devices lists the new session', async () => {
    const logins = sent(wx, '/v1/auth/login').length;
    const pending = profile.onLogin(event({}));
    assert.equal(profile.data.busy, true);
    await pending;
    assert.equal(profile.data.busy, false);
    assert.equal(profile.data.user.id, alice.id);
    assert.equal(profile.data.user.phoneNumber, '13912345678');
    assert.equal(profile.data.phoneShown, '139****5678');
    assert.equal(demo.app.globalData.user.id, alice.id);
    assert.equal(sent(wx, '/v1/auth/login').length, logins + 1);
    devices.onShow();
    await until(() => devices.data.state === 'ready', 'the session list');
    assert.equal(devices.data.sessions.length, 1);
    assert.equal(devices.data.sessions[0].current, true);
  });

  it('the logout button: asked first, then logged out on the service and here', async () => {
    const token = storedSession(wx).accessToken;
    wx.ui.modalAnswers.push(false);
    const modals = wx.ui.modals.length;
    profile.onLogout(event({}));
    await until(() => wx.ui.modals.length > modals, 'the modal');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(demo.app.auth.hasSession(), true, 'cancel keeps the session');

    const toasts = wx.ui.toasts.length;
    profile.onLogout(event({}));
    assert.equal(await nextToast(wx, toasts, 'logged out'), '已退出');
    assert.equal(sent(wx, '/v1/auth/logout', 'POST').pop().statusCode, 204);
    assert.equal(profile.data.user, null);
    assert.equal(devices.data.state, 'loggedOut');
    assert.equal(demo.app.globalData.user, null);
    assert.equal(storedSession(wx), '');
    assert.equal(await tokenAccepted(token), false);
  });

  it('a second user binding alice\'s number gets the phone_in_use toast', async () => {
    demo.config.simUser = 'bob';
    await profile.onLogin(event({}));
    const bob = profile.data.user;
    assert.ok(bob && bob.id !== alice.id, 'bob is another user');
    const toasts = wx.ui.toasts.length;
    demo.config.simPhoneNumber = '13912345678'; // alice's
    profile.onSimulatorPhone(event({}));
    assert.equal(await nextToast(wx, toasts, 'phone in use'), '该手机号已绑定其他账号（phone_in_use）');
    await until(() => !profile.data.phoneBusy, 'the button to settle');
    assert.equal(sent(wx, '/v1/me/phone').pop().statusCode, 409);
    const logged = demoWarnings[demoWarnings.length - 1];
    assert.equal(logged.name, 'WxLoginError');
    assert.equal(logged.code, 'phone_in_use');
    assert.equal(logged.status, 409);
    assert.equal(typeof logged.detail, 'string');
    assert.equal(profile.data.user.phoneNumber, null);
    assert.equal(profile.data.phoneShown, '');
    await profile.logout();
  });

  it('WeChat\'s 45011 at login: the toast names the Retry-After seconds; the next try logs in', async () => {
    demo.config.simUser = 'alice';
    await sim('POST', '/sim/faults', { path: '/sns/jscode2session', errcode: 45011, count: 1 });
    const toasts = wx.ui.toasts.length;
    await profile.onLogin(event({}));
    const refused = sent(wx, '/v1/auth/login').pop();
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.response.code, 'rate_limited');
    const title = await nextToast(wx, toasts, 'rate limited');
    assert.match(title, /^操作太频繁，请 \d+ 秒后再试（rate_limited）$/);
    const logged = demoWarnings[demoWarnings.length - 1];
    assert.equal(logged.code, 'rate_limited');
    assert.equal(logged.status, 429);
    assert.ok(logged.retryAfter > 0);
    assert.equal(title, `操作太频繁，请 ${logged.retryAfter} 秒后再试（rate_limited）`);
    assert.equal(String(logged.retryAfter), refused.responseHeader['retry-after']);
    assert.equal(profile.data.user, null);
    assert.equal(profile.data.busy, false);

    await profile.onLogin(event({}));
    assert.equal(profile.data.user.id, alice.id);
  });
});

// ---- cold starts that go differently --------------------------------------------------------------

describe('cold starts', () => {
  it('a failed launch login shows the toast, then the logged-out state with the login button', async () => {
    await sim('POST', '/sim/faults', { path: '/sns/jscode2session', errcode: 45011, count: 1 });
    const demo = launch({ config: { simUser: 'carol' } });
    assert.equal(await demo.app.ready, null);
    assert.match(demo.wx.lastToast(), /^操作太频繁，请 \d+ 秒后再试（rate_limited）$/);
    const profile = demo.open('pages/profile/profile');
    const devices = demo.open('pages/devices/devices');
    await until(() => !profile.data.loading, 'profile to settle');
    await until(() => devices.data.state === 'loggedOut', 'devices to settle');
    assert.equal(profile.data.user, null);
    await profile.onLogin(event({}));
    assert.match(profile.data.user.id, /^u_/);
    devices.onShow();
    await until(() => devices.data.state === 'ready', 'the session list');
    assert.equal(devices.data.sessions.length, 1);
  });

  it('a second launch keeps the stored session: no new login', async () => {
    const first = launch({ config: { simUser: 'dave' } });
    const dave = await first.app.ready;
    const second = launch({ config: { simUser: 'dave' }, storage: first.wx.storage });
    const user = await second.app.ready;
    assert.equal(user.id, dave.id);
    assert.equal(second.wx.calls.requests.length, 0, 'a fresh access token: no network at all');
    assert.deepEqual(second.app.globalData.user, dave);
  });

  it('useSimulator: false uses wx.login and the button\'s own code (as with real WeChat)', async () => {
    const demo = launch({ config: { useSimulator: false, simUser: 'nobody' }, wxUser: 'erin' });
    const erin = await demo.app.ready;
    assert.ok(erin);
    assert.equal(demo.wx.calls.login, 1, 'wx.login itself');
    assert.equal(sent(demo.wx, '/wechat-sim/sim/login').length, 0, 'utils/simulator.js is not used');
    const profile = demo.open('pages/profile/profile');
    await until(() => !profile.data.loading, 'profile to settle');
    assert.equal(profile.data.useSimulator, false);
    // The code WeChat would hand the getPhoneNumber button for erin.
    const { code } = await sim('POST', '/sim/phone-code', { appId: APP, user: 'erin', phoneNumber: '13600000000' });
    const toasts = demo.wx.ui.toasts.length;
    profile.onGetPhoneNumber(event({ errMsg: 'getPhoneNumber:ok', code }));
    assert.equal(await nextToast(demo.wx, toasts, 'phone bound'), '已绑定 136****0000');
    assert.deepEqual(sent(demo.wx, '/v1/me/phone')[0].data, { code });
    assert.equal(profile.data.phoneShown, '136****0000');
  });

  it('no answer from the service: the network toast', async () => {
    // wx.login answers (codes from the live simulator), but baseUrl points where nothing listens.
    const demo = launch({ config: { useSimulator: false, baseUrl: 'http://127.0.0.1:9' }, wxUser: 'frank' });
    assert.equal(await demo.app.ready, null);
    assert.equal(demo.wx.lastToast(), '网络异常，请检查服务地址（network_error）');
  });

  it('no simulator (a service without --dev): the simulator toast', async () => {
    // Where the simulator should be, the service answers 404.
    const demo = launch({ config: { useSimulator: true, baseUrl: service.base + '/no-dev' } });
    assert.equal(await demo.app.ready, null);
    assert.equal(demo.wx.lastToast(), '模拟器不可用：服务需以 --dev 运行');
  });

  it('no service at all, with the simulator switch on: the network toast', async () => {
    const demo = launch({ config: { useSimulator: true, baseUrl: 'http://127.0.0.1:9' } });
    assert.equal(await demo.app.ready, null);
    assert.equal(demo.wx.lastToast(), '网络异常，请检查服务地址');
  });
});
