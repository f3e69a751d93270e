// What the page knows of the configured apps (state.apps, from the server) and of the user's
// identities: which platform an app is on, which apps can still be linked, which identity is this page's.
import { STRINGS } from './i18n.js';
import { state } from './state.js';
import { platform } from './platforms.js';

/** The platform of a configured app (wechat when the list does not know it). */
export function platformOfApp(appId) {
  return state.apps.find((a) => a.appId === appId)?.platform ?? 'wechat';
}

/** A platform's name as a message parameter, drawn in the current language; an unknown one as it is. */
export const platformName = (id) => (STRINGS.en[`platform.${id}`] ? { key: `platform.${id}` } : id);

/** A short name of an app: its platform's name and its place among that platform's apps ("WeChat 2"). */
export function appLabel(appId) {
  const app = state.apps.find((a) => a.appId === appId);
  if (!app) {
    return { key: 'app.unknown', params: { app: appId } };
  }
  const n = state.apps.filter((a) => a.platform === app.platform).indexOf(app) + 1;
  return { key: 'app.label', params: { platform: platformName(app.platform), n } };
}

/** Open data exists on the app's platform, as far as the page knows (Alipay has none; an `unsupported` answer says so too). */
export function hasOpenData(appId) {
  return Boolean(appId) && platform(platformOfApp(appId)).openData && !state.unsupported.has(`${appId} decrypt`);
}

/** The app's platform gives a phone proof, as far as the page knows (QQ gives none; an `unsupported` answer says so too). */
export function hasPhone(appId) {
  return Boolean(appId) && platform(platformOfApp(appId)).phone && !state.unsupported.has(`${appId} phone`);
}

/** The apps the caller could link: configured, and not yet one of the user's identities. */
export function linkableApps() {
  const mine = new Set(Array.isArray(state.identities) ? state.identities.map((i) => i.appId) : []);
  return state.apps.filter((a) => !mine.has(a.appId));
}

/** The identity this page's session logged in through. */
export function isCurrentIdentity(identity) {
  const { session } = state;
  return Boolean(session) && identity.appId === session.appId
    && identity.openid === (state.me?.openid ?? session.user?.openid);
}
