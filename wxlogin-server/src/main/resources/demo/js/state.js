// The page's constants and its one `state` object: everything the page shows comes from here. The
// language a visitor picked is remembered in localStorage, so `state` starts in it.

export const SIM = '/wechat-sim';
/** The configured apps, from the server: [{appId, platform, group}] (DemoAppsController). */
export const APPS_URL = '/demo/apps.json';
export const STEP_PAUSE_MS = 350; // long enough to watch the steps light up one by one
export const LOG_LIMIT = 200;

export const $ = (id) => document.getElementById(id);

export const state = {
  lang: initialLanguage(),
  apps: [], // [{appId, platform, group}], as the server lists them
  appsError: null, // the apps could not be loaded: {status, code}
  platform: null, // the platform picked
  appId: null, // the app picked (of that platform)
  busy: false,
  steps: [1, 2, 3, 4].map(() => ({ state: 'idle', detail: null })),
  lastCode: null, // the spent wx.login code, to show that a replay never reaches WeChat
  replay: null,
  session: null, // {accessToken, refreshToken, expiresIn, refreshExpiresIn, newUser, user, userName, appId}
  me: null,
  openData: null,
  sessions: null,
  identities: null, // GET /v1/me/identities' list
  linkAppId: null, // the app picked to link another identity of
  unsupported: new Set(), // `${appId} phone|decrypt`: what an app's platform turned out not to have
  lastPhone: null, // the number bound last, from any user: bound again by another user, it links
  message: null, // {kind: 'ok'|'error'|'info', key, params}
  identitiesMessage: null, // the identities panel's own message, same shape
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
