// Rendering: render() draws the whole page from `state`; the render* functions redraw one part.
import { STRINGS } from './i18n.js';
import { $, SIM, state } from './state.js';
import { t, tm } from './strings.js';
import { clock, decodeJwt, el, localTime, shorten, showJson } from './formatting.js';
import { platform, platformsOf } from './platforms.js';
import { appLabel, hasOpenData, hasPhone, platformName, platformOfApp } from './apps.js';
import { renderIdentities } from './identities-view.js';

/** Drawn when a radio of the picker changes: main.js sets it (it runs actions, which import this module). */
export const on = { platform: null, app: null };

export function render() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('page.title');
  document.body.dataset.busy = String(state.busy); // for tests: an action is under way
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  $('lang-zh').setAttribute('aria-pressed', String(state.lang === 'zh'));
  $('lang-en').setAttribute('aria-pressed', String(state.lang === 'en'));
  renderPicker();
  renderPhone();
  renderSteps();
  renderIdentities();
  renderToken();
  renderMe();
  renderSessions();
  renderOpenData();
  renderLog();
}

/** The platform picker and the apps of the picked platform, as the server listed them. */
function renderPicker() {
  const platforms = platformsOf(state.apps);
  $('platforms').replaceChildren(...platforms.map((id) => {
    const input = el('input', { type: 'radio', name: 'platform', value: id, checked: id === state.platform, disabled: state.busy });
    input.addEventListener('change', () => on.platform?.(id));
    return el('label', { class: 'platform-choice', 'data-platform': id }, input, el('span', {}, tm(platformName(id))));
  }));
  const apps = state.apps.filter((a) => a.platform === state.platform);
  $('apps').replaceChildren(...apps.map((app) => {
    const input = el('input', { type: 'radio', name: 'app', value: app.appId, checked: app.appId === state.appId });
    input.addEventListener('change', () => on.app?.(app.appId));
    return el('label', { class: 'app' }, input,
      el('span', { class: 'app-text' },
        el('strong', {}, tm(appLabel(app.appId))), el('code', {}, app.appId),
        el('small', {}, app.group ? t('app.group', { group: app.group }) : t('app.noGroup'))));
  }));
  const note = $('apps-note');
  note.hidden = !state.appsError && state.apps.length > 0;
  note.textContent = state.appsError ? t('apps.error', state.appsError) : t('apps.none');
  $('phone-col').dataset.platform = state.platform ?? '';
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
      el('span', { class: 'tag tag-app' }, tm(appLabel(session.appId))));
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
  // the phone and open data: not on a platform without them (the service would answer `unsupported`)
  const platformShown = session ? tm(platformName(platformOfApp(session.appId))) : '';
  const phone = !session || hasPhone(session.appId);
  $('bind-phone').disabled = !session || busy || !phone;
  $('phone-number').disabled = !session || busy || !phone;
  $('phone-note').hidden = phone;
  $('phone-note').textContent = phone ? '' : t('phone.none', { platform: platformShown });
  const openData = !session || hasOpenData(session.appId);
  $('decrypt').disabled = !session || busy || !openData;
  $('decrypt-note').hidden = openData;
  $('decrypt-note').textContent = openData ? '' : t('open.none', { platform: platformShown });
  // the number bound last (by any user): bound again by a brand-new user, it links the two
  const reuse = Boolean(session && phone && state.lastPhone && !user?.phoneNumber);
  $('phone-reuse-row').hidden = !reuse;
  $('phone-reuse-text').textContent = reuse ? t('phone.reuseText', { number: state.lastPhone }) : '';
  $('phone-reuse').disabled = busy;

  const picked = state.platform ?? 'wechat';
  $('login-label').textContent = t('btn.login', { platform: tm(platformName(picked)) });
  $('login-mark').hidden = picked !== 'wechat';
  $('login').disabled = busy || !state.appId;
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

/** The sequence of the picked platform: its client login, its server exchange, its lane. */
export function renderSteps() {
  const picked = state.platform ?? 'wechat';
  const entry = platform(picked);
  $('step-1-label').textContent = `${entry.login} → ${entry.gives}`;
  $('step-3-label').textContent = entry.exchange;
  $('lane-platform-name').textContent = tm(platformName(picked));
  $('lane-platform-sub').textContent = t('lane.platformSub', { path: `${SIM}${entry.prefix}` });
  $('sequence').dataset.platform = picked;
  state.steps.forEach((step, i) => {
    const node = $(`step-${i + 1}`);
    node.dataset.state = step.state;
    const own = `step${i + 1}.idle.${picked}`; // a platform's own words for the step, where it has them
    const idle = t(STRINGS.en[own] ? own : `step${i + 1}.idle`);
    const detail = step.detail ? tm(step.detail) : idle;
    node.querySelector('.detail').textContent = detail;
  });
  const replay = $('replay-result');
  if (state.replay) {
    replay.textContent = t('seq.replayResult', { ...state.replay, platform: tm(state.replay.platform) });
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

export function tick() {
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
    return el('li', { class: `session${s.current ? ' current' : ''}`, 'data-session': s.id, 'data-current': String(Boolean(s.current)) },
      el('div', { class: 'session-main' },
        el('div', {}, el('code', { class: 'session-id', title: s.id }, shorten(s.id, 8, 4)),
          el('span', { class: 'tag tag-app' }, tm(appLabel(s.appId))),
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

export function renderLog() {
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
