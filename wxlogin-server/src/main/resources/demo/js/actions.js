// Actions: what the buttons do, as a mini program would do it; each runs through run(), which keeps
// one action at a time and turns a failure into the page's message.
import { $, SIM, STEP_PAUSE_MS, state } from './state.js';
import { HttpError, call, jscode2sessionCalls, pause } from './http.js';
import { render, renderSteps } from './rendering.js';
import { shorten } from './formatting.js';

function setStep(n, stepState, detail = null) {
  state.steps[n - 1] = { state: stepState, detail };
  renderSteps();
}

function problemMessage(e) {
  if (e instanceof HttpError && e.status === 0) {
    return { kind: 'error', key: 'msg.network' };
  }
  if (e instanceof HttpError) {
    return {
      kind: 'error', key: 'msg.error',
      params: { status: e.status, code: e.problem?.code ?? e.problem?.error ?? '', detail: e.problem?.detail ?? e.problem?.title ?? '' },
    };
  }
  return { kind: 'error', key: 'msg.error', params: { status: '', code: 'error', detail: String(e?.message ?? e) } };
}

export async function run(action) {
  if (state.busy) {
    return;
  }
  state.busy = true;
  state.message = null;
  render();
  try {
    await action();
  } catch (e) {
    state.message = problemMessage(e);
    if (e instanceof HttpError && e.status === 401 && state.session && e.problem?.code === 'invalid_token') {
      state.message = { kind: 'error', key: 'msg.tokenGone' };
    }
  } finally {
    state.busy = false;
    render();
  }
}

export async function login() {
  const userName = $('user').value.trim();
  if (userName.length < 1 || userName.length > 64) {
    state.message = { kind: 'error', key: 'msg.badUser' };
    return;
  }
  const appId = state.appId;
  state.steps = state.steps.map(() => ({ state: 'idle', detail: null }));
  state.replay = null;
  state.lastCode = null;

  // ① wx.login(): the phone asks WeChat (here: the simulator) for a one-time code
  setStep(1, 'active');
  const before = await jscode2sessionCalls();
  let code;
  try {
    ({ code } = await call('POST', `${SIM}/sim/login`, { body: { appId, user: userName } }));
  } catch (e) {
    setStep(1, 'failed', { key: 'step.failed', params: { status: e.status, code: e.problem?.error ?? '' } });
    throw e;
  }
  state.lastCode = { code, appId };
  setStep(1, 'done', { key: 'step1.done', params: { code: shorten(code, 4, 4) } });
  await pause();

  // ② the mini program sends the code to wxlogin, which ③ calls code2Session before it answers
  setStep(2, 'active');
  const started = performance.now();
  let session;
  try {
    session = await call('POST', '/v1/auth/login', { body: { appId, code } });
  } catch (e) {
    setStep(2, 'failed', { key: 'step.failed', params: { status: e.status, code: e.problem?.code ?? '' } });
    const after = await jscode2sessionCalls();
    setStep(3, after !== null && after === before ? 'skipped' : 'failed', stepThreeDetail(before, after));
    throw e;
  }
  setStep(2, 'done', { key: 'step2.done', params: { status: 200, ms: Math.round(performance.now() - started) } });
  await pause();

  setStep(3, 'active');
  const after = await jscode2sessionCalls();
  await pause(STEP_PAUSE_MS / 2);
  setStep(3, 'done', stepThreeDetail(before, after));
  await pause();

  // ④ wxlogin's own tokens, and the user
  setStep(4, 'done', {
    key: 'step4.done',
    params: { ttl: { seconds: session.expiresIn }, rttl: { seconds: session.refreshExpiresIn } },
  });
  state.session = { ...session, userName, appId };
  state.me = null;
  state.openData = null;
  state.sessions = null;
  state.message = {
    kind: 'ok', key: 'msg.loggedIn',
    params: { user: userName, kind: { key: session.newUser ? 'profile.newUser' : 'profile.returning' } },
  };
  render();
  await loadMe();
  await loadSessions();
}

function stepThreeDetail(before, after) {
  if (before === null || after === null) {
    return { key: 'step3.unknown' };
  }
  return { key: after > before ? 'step3.done' : 'step3.notCalled', params: { before, after } };
}

export async function replayCode() {
  if (!state.lastCode) {
    return;
  }
  const before = await jscode2sessionCalls();
  let result;
  try {
    await call('POST', '/v1/auth/login', { body: state.lastCode });
    result = { status: 200, code: 'ok' };
  } catch (e) {
    if (!(e instanceof HttpError) || e.status === 0) {
      throw e;
    }
    result = { status: e.status, code: e.problem?.code ?? '' };
  }
  const after = await jscode2sessionCalls();
  state.replay = { ...result, before: before ?? '?', after: after ?? '?' };
}

async function loadMe() {
  state.me = await call('GET', '/v1/me', { token: state.session.accessToken });
  state.session.user = state.me;
}

export async function loadSessions() {
  const answer = await call('GET', '/v1/sessions', { token: state.session.accessToken });
  state.sessions = answer.sessions;
}

export async function bindPhone() {
  const { session } = state;
  const phoneNumber = $('phone-number').value.trim();
  const body = { appId: session.appId, user: session.userName };
  if (phoneNumber) {
    body.phoneNumber = phoneNumber;
  }
  // the getPhoneNumber button: WeChat gives the phone a one-time code
  const { code } = await call('POST', `${SIM}/sim/phone-code`, { body });
  const bound = await call('POST', '/v1/me/phone', { body: { code }, token: session.accessToken });
  session.user = bound.user;
  state.me = bound.user;
  state.message = { kind: 'ok', key: 'msg.phoneBound', params: { number: bound.phoneNumber } };
}

export async function decryptOpenData() {
  const { session } = state;
  const data = {
    nickName: session.userName,
    gender: 0,
    language: state.lang === 'zh' ? 'zh_CN' : 'en',
    city: 'Hangzhou',
    province: 'Zhejiang',
    country: 'China',
  };
  // what wx.getUserInfo hands the phone: encrypted under the user's session_key, which the phone never sees
  const sealed = await call('POST', `${SIM}/sim/open-data`, { body: { appId: session.appId, user: session.userName, data } });
  const opened = await call('POST', '/v1/me/decrypt', {
    token: session.accessToken,
    body: { encryptedData: sealed.encryptedData, iv: sealed.iv, rawData: sealed.rawData, signature: sealed.signature },
  });
  state.openData = { length: sealed.encryptedData.length, data: opened.data };
  state.message = { kind: 'ok', key: 'msg.decrypted' };
}

export async function refreshTokens() {
  const { session } = state;
  const fresh = await call('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
  state.session = { ...session, ...fresh };
  state.message = { kind: 'ok', key: 'msg.refreshed' };
  await loadSessions();
}

/** Ends the page's session, then shows that the old access token is refused at once. */
async function endedProof(token, key) {
  state.session = null;
  state.me = null;
  state.openData = null;
  state.sessions = null;
  state.replay = null;
  state.lastCode = null;
  state.steps = state.steps.map(() => ({ state: 'idle', detail: null }));
  let refused = { status: 200, code: '' };
  try {
    await call('GET', '/v1/me', { token });
  } catch (e) {
    if (!(e instanceof HttpError) || e.status === 0) {
      throw e;
    }
    refused = { status: e.status, code: e.problem?.code ?? '' };
  }
  state.message = { kind: refused.status === 401 ? 'info' : 'error', key, params: refused };
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
