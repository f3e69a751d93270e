// The page's constants and its one `state` object: everything the page shows comes from here. The
// language a visitor picked is remembered in localStorage, so `state` starts in it.

export const SIM = '/wechat-sim';
export const APPS = [
  { id: 'wx0000000000000001', name: 'App 1', group: 'demo' },
  { id: 'wx0000000000000002', name: 'App 2', group: 'demo' },
  { id: 'wx0000000000000003', name: 'App 3', group: null },
];
export const STEP_PAUSE_MS = 350; // long enough to watch the steps light up one by one
export const LOG_LIMIT = 200;

export const $ = (id) => document.getElementById(id);

export const state = {
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

// ---------------------------------------------------------------- remembered language

function initialLanguage() {
  const saved = safeStorage('get');
  if (saved === 'zh' || saved === 'en') {
    return saved;
  }
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  return String(langs[0]).toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function safeStorage(op, value) {
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
