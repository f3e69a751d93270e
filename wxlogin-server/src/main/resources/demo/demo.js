// The wxlogin demo page: plays the phone against the WeChat simulator mounted at /wechat-sim (dev
// mode only) and calls the wxlogin API as a mini program would. Plain DOM, no framework, no build.
// Everything the page shows comes from `state`; render() draws it, so a language switch redraws all.
import { STRINGS } from './i18n.js';

const SIM = '/wechat-sim';
const APPS = [
  { id: 'wx0000000000000001', name: 'App 1', group: 'demo' },
  { id: 'wx0000000000000002', name: 'App 2', group: 'demo' },
  { id: 'wx0000000000000003', name: 'App 3', group: null },
];
const STEP_PAUSE_MS = 350; // long enough to watch the steps light up one by one
const LOG_LIMIT = 200;

const $ = (id) => document.getElementById(id);

const state = {
  lang: initialLanguage(),
  appId: APPS[0].id,
  busy: false,
  steps: [1, 2, 3, 4].map(() => ({ state: 'idle', detail: null })),
  lastCode: null, // the spent wx.login code, to show that a replay never reaches WeChat
  replay: null,
  session: null, // {accessToken, refreshToken, expiresIn, refreshExpiresIn, newUser, user, userName, appId}
  me: null,
  openData: null,
  sessions: null,
  message: null, // {kind: 'ok'|'error'|'info', key, params}
  log: [],
};

// ---------------------------------------------------------------- strings

function initialLanguage() {
  const saved = safeStorage('get');
  if (saved === 'zh' || saved === 'en') {
    return saved;
  }
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  return String(langs[0]).toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function safeStorage(op, value) {
  try {
    if (op === 'get') {
      return localStorage.getItem('wxlogin-demo-lang');
    }
    localStorage.setItem('wxlogin-demo-lang', value);
  } catch {
    // storage off (private mode, file policy): the language just is not remembered
  }
  return null;
}

function t(key, params = {}) {
  const text = STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? '').toString());
}

/** A message kept in state: {key, params}; a parameter may be a message itself or {seconds}, drawn in the current language. */
function tm(message) {
  if (!message) {
    return '';
  }
  const params = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    if (value && typeof value === 'object' && 'seconds' in value) {
      params[name] = duration(value.seconds);
    } else if (value && typeof value === 'object' && value.key) {
      params[name] = tm(value);
    } else {
      params[name] = value;
    }
  }
  return t(message.key, params);
}

// ---------------------------------------------------------------- HTTP

class HttpError extends Error {
  constructor(status, problem) {
    super(`${status} ${problem?.code ?? ''}`);
    this.status = status;
    this.problem = problem;
  }
}

/** One request; every exchange goes into the log (method, path, status, problem code), never a body. */
async function call(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const started = performance.now();
  const entry = { at: new Date(), method, path, status: null, code: null, ms: 0, sim: path.startsWith(SIM) };
  let response;
  let text;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    text = await response.text();
  } catch (e) {
    entry.status = 0;
    entry.code = 'network';
    entry.ms = Math.round(performance.now() - started);
    addLog(entry);
    throw new HttpError(0, { code: 'network' });
  }
  entry.ms = Math.round(performance.now() - started);
  entry.status = response.status;
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    // problem+json from wxlogin; {"error"} from the simulator's controls
    entry.code = json?.code ?? json?.error ?? null;
  }
  addLog(entry);
  if (!response.ok) {
    throw new HttpError(response.status, json);
  }
  return json;
}

function addLog(entry) {
  state.log.push(entry);
  if (state.log.length > LOG_LIMIT) {
    state.log.shift();
  }
  renderLog();
}

async function jscode2sessionCalls() {
  try {
    const stats = await call('GET', `${SIM}/sim/stats`);
    return stats?.calls?.['/sns/jscode2session'] ?? null;
  } catch {
    return null;
  }
}

const pause = (ms = STEP_PAUSE_MS) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- actions

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

async function run(action) {
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

async function login() {
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

async function replayCode() {
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

async function loadSessions() {
  const answer = await call('GET', '/v1/sessions', { token: state.session.accessToken });
  state.sessions = answer.sessions;
}

async function bindPhone() {
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

async function decryptOpenData() {
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

async function refreshTokens() {
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

async function logout() {
  const token = state.session.accessToken;
  await call('POST', '/v1/auth/logout', { token });
  await endedProof(token, 'msg.loggedOut');
}

async function endSession(id) {
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

// ---------------------------------------------------------------- formatting

function shorten(text, head, tail) {
  return text.length <= head + tail + 1 ? text : `${text.slice(0, head)}…${text.slice(-tail)}`;
}

function duration(seconds) {
  if (seconds % 86400 === 0) {
    return state.lang === 'zh' ? `${seconds / 86400} 天` : `${seconds / 86400} days`;
  }
  if (seconds % 60 === 0) {
    return state.lang === 'zh' ? `${seconds / 60} 分钟` : `${seconds / 60} min`;
  }
  return `${seconds} s`;
}

function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

function localTime(date) {
  return date.toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}

function base64UrlJson(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function decodeJwt(token) {
  const [header, payload, signature] = token.split('.');
  return { parts: [header, payload, signature], header: base64UrlJson(header), claims: base64UrlJson(payload) };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('data-') || name === 'type' || name === 'title') {
      node.setAttribute(name, value);
    } else {
      node[name] = value;
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Pretty JSON as DOM nodes (never innerHTML: values come from the network and a free-text user name). */
function jsonNodes(value, indent = '') {
  const out = [];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return ['[]'];
    }
    out.push('[\n');
    value.forEach((item, i) => {
      out.push(inner, ...jsonNodes(item, inner), i < value.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}]`);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      return ['{}'];
    }
    out.push('{\n');
    entries.forEach(([key, item], i) => {
      out.push(inner, el('span', { class: 'j-key' }, JSON.stringify(key)), ': ',
        ...jsonNodes(item, inner), i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}}`);
  } else if (typeof value === 'string') {
    out.push(el('span', { class: 'j-str' }, JSON.stringify(value)));
  } else if (typeof value === 'number') {
    out.push(el('span', { class: 'j-num' }, String(value)));
  } else {
    out.push(el('span', { class: 'j-lit' }, String(value)));
  }
  return out;
}

function showJson(node, value) {
  node.replaceChildren(...jsonNodes(value));
}

// ---------------------------------------------------------------- rendering

function render() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('page.title');
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  $('lang-zh').setAttribute('aria-pressed', String(state.lang === 'zh'));
  $('lang-en').setAttribute('aria-pressed', String(state.lang === 'en'));
  renderApps();
  renderPhone();
  renderSteps();
  renderToken();
  renderMe();
  renderSessions();
  renderOpenData();
  renderLog();
}

function renderApps() {
  const box = $('apps');
  box.replaceChildren(...APPS.map((app) => {
    const input = el('input', { type: 'radio', name: 'app', value: app.id, checked: app.id === state.appId });
    input.addEventListener('change', () => {
      state.appId = app.id;
    });
    return el('label', { class: 'app' }, input,
      el('span', { class: 'app-text' },
        el('strong', {}, app.name), el('code', {}, app.id),
        el('small', {}, t(app.group ? 'app.group' : 'app.noGroup'))));
  }));
}

function renderPhone() {
  const { session, busy } = state;
  const user = session?.user;
  $('profile').classList.toggle('logged-in', Boolean(session));
  $('profile-empty').hidden = Boolean(session);
  $('profile-name').replaceChildren();
  if (session) {
    const kind = t(session.newUser ? 'profile.newUser' : 'profile.returning');
    $('profile-name').append(el('strong', {}, session.userName), el('span', { class: 'tag' }, kind),
      el('span', { class: 'tag tag-app' }, APPS.find((a) => a.id === session.appId)?.name ?? session.appId));
  }
  $('avatar').textContent = session ? [...session.userName][0].toUpperCase() : '';
  $('avatar').style.setProperty('--hue', session ? String(hue(session.userName)) : '210');
  $('user-id').textContent = user?.id ?? '';
  $('openid').textContent = user?.openid ?? '';
  $('unionid').textContent = user?.unionid ?? '';
  $('unionid-placeholder').textContent = user && !user.unionid ? t('profile.none') : '';
  $('phone').textContent = user?.phoneNumber ?? '';
  $('phone-placeholder').textContent = user && !user.phoneNumber ? t('profile.notBound') : '';

  for (const id of ['bind-phone', 'decrypt', 'refresh', 'logout', 'phone-number', 'sessions-reload']) {
    $(id).disabled = !session || busy;
  }
  $('login').disabled = busy;
  $('replay').disabled = busy || !state.lastCode;
  $('user').disabled = busy;

  const message = $('message');
  message.textContent = state.message ? tm(state.message) : '';
  message.className = `message ${state.message ? `message-${state.message.kind}` : ''}`;
}

function hue(text) {
  let h = 0;
  for (const ch of text) {
    h = (h * 31 + ch.codePointAt(0)) % 360;
  }
  return h;
}

function renderSteps() {
  state.steps.forEach((step, i) => {
    const node = $(`step-${i + 1}`);
    node.dataset.state = step.state;
    const detail = step.detail ? tm(step.detail) : t(`step${i + 1}.idle`);
    node.querySelector('.detail').textContent = detail;
  });
  const replay = $('replay-result');
  if (state.replay) {
    replay.textContent = t('seq.replayResult', state.replay);
    replay.className = 'hint replay-done';
  } else {
    replay.textContent = t('seq.replayHint');
    replay.className = 'hint';
  }
}

function renderToken() {
  const { session } = state;
  $('token-empty').hidden = Boolean(session);
  $('token-body').hidden = !session;
  if (!session) {
    $('countdown').textContent = '';
    $('jwt-raw').replaceChildren();
    $('jwt-claims').replaceChildren();
    $('jwt-header').replaceChildren();
    $('refresh-token-masked').textContent = '';
    return;
  }
  const jwt = decodeJwt(session.accessToken);
  $('jwt-raw').replaceChildren(
    el('span', { class: 'jwt-h' }, jwt.parts[0]), '.',
    el('span', { class: 'jwt-p' }, jwt.parts[1]), '.',
    el('span', { class: 'jwt-s' }, jwt.parts[2]));
  $('jwt-header').replaceChildren(...tableRows(jwt.header, 'header'));
  const rows = tableRows(jwt.claims, 'claim');
  $('jwt-claims').replaceChildren(...rows);
  $('refresh-token-masked').textContent = maskRefreshToken(session.refreshToken);
  $('refresh-note').textContent = t('token.refreshNote', { days: Math.round(session.refreshExpiresIn / 86400) });
  tick();
}

/** Name, value and meaning rows of a decoded JWT part; times also in local time. */
function tableRows(object, prefix) {
  return Object.entries(object).map(([name, value]) => {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    const meaning = STRINGS.en[`${prefix}.${name}`] ? t(`${prefix}.${name}`) : '';
    const time = (name === 'exp' || name === 'iat' || name === 'nbf') && typeof value === 'number'
      ? el('span', { class: 'claim-time' }, localTime(new Date(value * 1000)))
      : null;
    return el('tr', {},
      el('th', {}, el('code', {}, name)),
      el('td', {}, el('code', { class: 'claim-value' }, shown), time),
      el('td', { class: 'claim-meaning' }, meaning));
  });
}

/** The refresh token is a bearer credential good for 30 days: never shown whole. */
function maskRefreshToken(token) {
  return `${token.slice(0, 4)}${'•'.repeat(12)}${token.slice(-4)}`;
}

function tick() {
  const node = $('countdown');
  if (!state.session) {
    node.textContent = '';
    return;
  }
  const { exp } = decodeJwt(state.session.accessToken).claims;
  const left = exp - Date.now() / 1000;
  node.textContent = left > 0 ? t('token.expiresIn', { time: clock(left) }) : t('token.expired');
  node.classList.toggle('expired', left <= 0);
  node.classList.toggle('soon', left > 0 && left < 60);
}

function renderMe() {
  $('me-empty').hidden = Boolean(state.me);
  $('me').hidden = !state.me;
  if (state.me) {
    showJson($('me'), state.me);
  } else {
    $('me').replaceChildren();
  }
}

function renderSessions() {
  const list = $('sessions');
  const sessions = state.sessions ?? [];
  $('sessions-empty').hidden = sessions.length > 0;
  list.replaceChildren(...sessions.map((s) => {
    const end = el('button', { type: 'button', class: 'btn btn-small btn-danger-outline', 'data-session-end': s.id },
      t('sessions.end'));
    end.disabled = state.busy;
    end.addEventListener('click', () => run(() => endSession(s.id)));
    const app = APPS.find((a) => a.id === s.appId);
    return el('li', { class: `session${s.current ? ' current' : ''}`, 'data-session': s.id, 'data-current': String(Boolean(s.current)) },
      el('div', { class: 'session-main' },
        el('div', {}, el('code', { class: 'session-id', title: s.id }, shorten(s.id, 8, 4)),
          el('span', { class: 'tag tag-app' }, app ? app.name : s.appId),
          s.current ? el('span', { class: 'tag tag-current' }, t('sessions.current')) : null),
        el('div', { class: 'session-times' },
          t('sessions.created', { time: localTime(new Date(s.createdAt)) }), ' · ',
          t('sessions.used', { time: localTime(new Date(s.lastUsedAt)) }),
          s.userAgent ? el('span', { class: 'session-ua', title: s.userAgent }, ` · ${browserName(s.userAgent)}`) : null)),
      end);
  }));
}

function browserName(ua) {
  const m = /(HeadlessChrome|Chrome|Firefox|Edg|Safari)\/([\d]+)/.exec(ua);
  return m ? `${m[1]} ${m[2]}` : shorten(ua, 24, 0);
}

function renderOpenData() {
  const open = state.openData;
  $('open-empty').hidden = Boolean(open);
  $('open-body').hidden = !open;
  if (open) {
    $('open-sent').textContent = t('open.sent', { length: open.length });
    showJson($('open-data'), open.data);
  }
}

function renderLog() {
  const list = $('log');
  $('log-empty').hidden = state.log.length > 0;
  list.replaceChildren(...state.log.map((e) => {
    const ok = e.status >= 200 && e.status < 300;
    return el('li', { class: `log-line ${ok ? 'ok' : 'fail'}` },
      el('span', { class: 'log-time' }, localTime(e.at)),
      el('span', { class: `log-who ${e.sim ? 'who-sim' : 'who-api'}` }, t(e.sim ? 'log.sim' : 'log.api')),
      el('span', { class: 'log-method' }, e.method),
      el('span', { class: 'log-path' }, e.path),
      el('span', { class: 'log-status' }, e.status === 0 ? '—' : String(e.status)),
      el('span', { class: 'log-code' }, e.code ?? ''),
      el('span', { class: 'log-ms' }, `${e.ms} ms`));
  }));
  list.scrollTop = list.scrollHeight;
}

// ---------------------------------------------------------------- wiring

function setLanguage(lang) {
  state.lang = lang;
  safeStorage('set', lang);
  render();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run(login);
});
for (const chip of document.querySelectorAll('#user-chips .chip')) {
  chip.addEventListener('click', () => {
    $('user').value = chip.dataset.user;
    $('user').focus();
  });
}
$('bind-phone').addEventListener('click', () => run(bindPhone));
$('decrypt').addEventListener('click', () => run(decryptOpenData));
$('refresh').addEventListener('click', () => run(refreshTokens));
$('logout').addEventListener('click', () => run(logout));
$('replay').addEventListener('click', () => run(replayCode));
$('sessions-reload').addEventListener('click', () => run(loadSessions));
$('log-clear').addEventListener('click', () => {
  state.log = [];
  renderLog();
});
$('lang-zh').addEventListener('click', () => setLanguage('zh'));
$('lang-en').addEventListener('click', () => setLanguage('en'));
setInterval(tick, 1000);

render();
document.body.dataset.ready = 'true';
