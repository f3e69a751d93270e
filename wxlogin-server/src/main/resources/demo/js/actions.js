// Actions: what the buttons do, as a mini program would do it; each runs through run(), which keeps
// one action at a time and turns a failure into the page's message.
import { $, APPS_URL, SIM, STEP_PAUSE_MS, state } from './state.js';
import { HttpError, call, exchangeCallCount, pause } from './http.js';
import { render, renderSteps } from './rendering.js';
import { shorten } from './formatting.js';
import { STRINGS } from './i18n.js';
import { platform, platformsOf } from './platforms.js';
import { hasOpenData, hasPhone, platformName, platformOfApp } from './apps.js';
import { endedProof, loadAll, loadSessions, resetSteps, startSession } from './account.js';

function setStep(n, stepState, detail = null) {
  state.steps[n - 1] = { state: stepState, detail };
  renderSteps();
}

/**
 * A failed call as the page's message: the contract's codes a visitor meets here explained in words
 * (code.* in i18n.js), with the status and the code kept beside them; others with the service's detail.
 */
function problemMessage(e) {
  if (e instanceof HttpError && e.status === 0) {
    return { kind: 'error', key: 'msg.network' };
  }
  if (e instanceof HttpError) {
    const code = e.problem?.code ?? e.problem?.error ?? '';
    if (e.problem?.code && STRINGS.en[`code.${code}`]) {
      const platformId = platformOfApp(state.session?.appId ?? state.appId);
      return {
        kind: 'error', key: 'msg.problem',
        params: { text: { key: `code.${code}`, params: { platform: platformName(platformId) } }, status: e.status, code },
      };
    }
    return {
      kind: 'error', key: 'msg.error',
      params: { status: e.status, code, detail: e.problem?.detail ?? e.problem?.title ?? '' },
    };
  }
  return { kind: 'error', key: 'msg.error', params: { status: '', code: 'error', detail: String(e?.message ?? e) } };
}

/** Runs one action at a time; with `panel: 'identities'` a failure shows in that panel too. */
export async function run(action, { panel } = {}) {
  if (state.busy) {
    return;
  }
  state.busy = true;
  state.message = null;
  state.identitiesMessage = null;
  render();
  try {
    await action();
  } catch (e) {
    state.message = problemMessage(e);
    if (e instanceof HttpError && e.status === 401 && state.session && e.problem?.code === 'invalid_token') {
      state.message = { kind: 'error', key: 'msg.tokenGone' };
    }
    if (panel === 'identities') {
      state.identitiesMessage = state.message;
    }
  } finally {
    state.busy = false;
    render();
  }
}

// ---------------------------------------------------------------- the apps, from the server

/** The configured apps and their platforms (dev mode's /demo/apps.json); the first platform's first app picked. */
export async function loadApps() {
  try {
    const answer = await call('GET', APPS_URL);
    state.apps = Array.isArray(answer?.apps) ? answer.apps.filter((a) => a && a.appId && a.platform) : [];
    state.appsError = null;
  } catch (e) {
    state.apps = [];
    state.appsError = { status: e.status ?? 0, code: e.problem?.code ?? 'network' };
  }
  const platforms = platformsOf(state.apps);
  selectPlatform(platforms.includes(state.platform) ? state.platform : platforms[0] ?? null);
}

/** Picks a platform: its first app, and a fresh diagram (its steps are that platform's). */
export function selectPlatform(id) {
  if (id !== state.platform) {
    resetSteps();
  }
  state.platform = id;
  const apps = state.apps.filter((a) => a.platform === id);
  if (!apps.some((a) => a.appId === state.appId)) {
    state.appId = apps[0]?.appId ?? null;
  }
}

// ---------------------------------------------------------------- login

export async function login() {
  const userName = $('user').value.trim();
  if (userName.length < 1 || userName.length > 64) {
    state.message = { kind: 'error', key: 'msg.badUser' };
    return;
  }
  const appId = state.appId;
  if (!appId) {
    state.message = { kind: 'error', key: 'msg.noApp' };
    return;
  }
  const platformId = platformOfApp(appId);
  resetSteps();

  // ① the platform's client login (wx.login(), tt.login(), my.getAuthCode(), …): here the simulator
  // gives the phone a one-time code (Douyin's also an anonymousCode)
  setStep(1, 'active');
  const before = await exchangeCallCount(platformId);
  let given;
  try {
    given = await call('POST', `${SIM}/sim/login`, { body: { appId, user: userName } });
  } catch (e) {
    setStep(1, 'failed', { key: 'step.failed', params: { status: e.status, code: e.problem?.error ?? '' } });
    throw e;
  }
  const body = { appId, code: given.code };
  if (given.anonymousCode) {
    body.anonymousCode = given.anonymousCode;
  }
  state.lastCode = { body, platform: platformId };
  setStep(1, 'done', stepOneDetail(platformId, given));
  await pause();

  // ② the mini program sends it to wxlogin, which ③ trades it with the platform's server before it answers
  setStep(2, 'active');
  const started = performance.now();
  let session;
  try {
    session = await call('POST', '/v1/auth/login', { body });
  } catch (e) {
    setStep(2, 'failed', { key: 'step.failed', params: { status: e.status, code: e.problem?.code ?? '' } });
    const after = await exchangeCallCount(platformId);
    setStep(3, after !== null && after === before ? 'skipped' : 'failed', stepThreeDetail(platformId, before, after));
    throw e;
  }
  setStep(2, 'done', { key: 'step2.done', params: { status: 200, ms: Math.round(performance.now() - started) } });
  await pause();

  setStep(3, 'active');
  const after = await exchangeCallCount(platformId);
  await pause(STEP_PAUSE_MS / 2);
  setStep(3, 'done', stepThreeDetail(platformId, before, after));
  await pause();

  // ④ wxlogin's own tokens, and the user
  setStep(4, 'done', {
    key: 'step4.done',
    params: { ttl: { seconds: session.expiresIn }, rttl: { seconds: session.refreshExpiresIn } },
  });
  startSession(session, userName, appId);
  state.message = {
    kind: 'ok', key: 'msg.loggedIn',
    params: { user: userName, kind: { key: session.newUser ? 'profile.newUser' : 'profile.returning' } },
  };
  render();
  await loadAll();
}

function stepOneDetail(platformId, given) {
  const code = shorten(given.code, 4, 4);
  if (given.anonymousCode) {
    return { key: 'step1.doneAnonymous', params: { code, anonymousCode: shorten(given.anonymousCode, 4, 4) } };
  }
  if (platformId === 'wechat') {
    return { key: 'step1.done', params: { code } };
  }
  return { key: 'step1.doneOnce', params: { name: platform(platformId).gives, code } };
}

function stepThreeDetail(platformId, before, after) {
  const name = platformName(platformId);
  if (before === null || after === null) {
    return { key: 'step3.unknown', params: { platform: name } };
  }
  if (after <= before) {
    return { key: 'step3.notCalled', params: { platform: name, before, after } };
  }
  return {
    key: platform(platformId).sessionKey ? 'step3.done' : 'step3.doneNoKey',
    params: { platform: name, before, after },
  };
}

export async function replayCode() {
  if (!state.lastCode) {
    return;
  }
  const { body, platform: platformId } = state.lastCode;
  const before = await exchangeCallCount(platformId);
  let result;
  try {
    await call('POST', '/v1/auth/login', { body });
    result = { status: 200, code: 'ok' };
  } catch (e) {
    if (!(e instanceof HttpError) || e.status === 0) {
      throw e;
    }
    result = { status: e.status, code: e.problem?.code ?? '' };
  }
  const after = await exchangeCallCount(platformId);
  state.replay = { ...result, platform: platformName(platformId), before: before ?? '?', after: after ?? '?' };
}

// ---------------------------------------------------------------- phone, open data

export async function bindPhone() {
  const { session } = state;
  if (!hasPhone(session.appId)) {
    state.message = { kind: 'info', key: 'msg.noPhone', params: { platform: platformName(platformOfApp(session.appId)) } };
    return;
  }
  const phoneNumber = $('phone-number').value.trim();
  const ask = { appId: session.appId, user: session.userName };
  if (phoneNumber) {
    ask.phoneNumber = phoneNumber;
  }
  // the platform's phone button: WeChat, QQ and Douyin give a one-time {code}, Alipay's
  // my.getPhoneNumber a signed {response, sign}; whatever it gives goes to wxlogin as it is
  const proof = await call('POST', `${SIM}/sim/phone-code`, { body: ask });
  let bound;
  try {
    bound = await call('POST', '/v1/me/phone', { body: proof, token: session.accessToken });
  } catch (e) {
    if (e instanceof HttpError && e.problem?.code === 'unsupported') {
      state.unsupported.add(`${session.appId} phone`);
    }
    throw e;
  }
  state.lastPhone = bound.purePhoneNumber ?? bound.phoneNumber ?? state.lastPhone;
  const linked = bound.linked === true ? (bound.session ?? (bound.accessToken ? bound : null)) : null;
  if (linked) {
    // link by phone: this brand-new user was linked into the user that holds the number, and the
    // answer is a session of that user: the page goes on in it
    const from = session.user?.id ?? '';
    startSession(linked, session.userName, session.appId);
    state.session.user = bound.user ?? linked.user;
    state.message = {
      kind: 'ok', key: 'msg.phoneLinked',
      params: { number: bound.phoneNumber, from, user: state.session.user?.id ?? '' },
    };
    await loadAll();
    return;
  }
  session.user = bound.user;
  state.me = bound.user;
  state.message = { kind: 'ok', key: 'msg.phoneBound', params: { number: bound.phoneNumber } };
}

export async function decryptOpenData() {
  const { session } = state;
  if (!hasOpenData(session.appId)) {
    state.message = { kind: 'info', key: 'msg.noOpenData', params: { platform: platformName(platformOfApp(session.appId)) } };
    return;
  }
  const data = {
    nickName: session.userName,
    gender: 0,
    language: state.lang === 'zh' ? 'zh_CN' : 'en',
    city: 'Hangzhou',
    province: 'Zhejiang',
    country: 'China',
  };
  // what the platform's user-info API hands the phone, encrypted under the user's session key (which the
  // phone never sees): its fields (encryptedData, iv, rawData, signature) go to wxlogin as they are
  const given = await call('POST', `${SIM}/sim/open-data`, { body: { appId: session.appId, user: session.userName, data } });
  // Baidu's swan.getUserInfo names the encrypted data `data`: wxlogin takes it as encryptedData
  const sealed = given.encryptedData === undefined && typeof given.data === 'string'
    ? { encryptedData: given.data, iv: given.iv }
    : given;
  let opened;
  try {
    opened = await call('POST', '/v1/me/decrypt', { token: session.accessToken, body: sealed });
  } catch (e) {
    if (e instanceof HttpError && e.problem?.code === 'unsupported') {
      state.unsupported.add(`${session.appId} decrypt`);
    }
    throw e;
  }
  state.openData = { length: String(sealed.encryptedData ?? '').length, data: opened.data };
  state.message = { kind: 'ok', key: 'msg.decrypted' };
}

// ---------------------------------------------------------------- tokens and sessions

export async function refreshTokens() {
  const { session } = state;
  const fresh = await call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
  state.session = { ...session, ...fresh };
  state.message = { kind: 'ok', key: 'msg.refreshed' };
  await loadSessions();
}

export async function logout() {
  const token = state.session.accessToken;
  await call('POST', '/v1/auth/logout', { token });
  await endedProof(token, 'msg.loggedOut');
}

export async function endSession(id) {
  const token = state.session.accessToken;
  await call('DELETE', `/v1/sessions/${encodeURIComponent(id)}`, { token });
  const current = state.sessions?.find((s) => s.id === id)?.current;
  if (current) {
    await endedProof(token, 'msg.currentEnded');
    return;
  }
  state.message = { kind: 'ok', key: 'msg.sessionEnded' };
  await loadSessions();
}
