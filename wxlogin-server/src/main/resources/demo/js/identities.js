// The identities panel's actions: link another app's identity to the user, unlink one.
import { SIM, state } from './state.js';
import { call } from './http.js';
import { endedProof, loadIdentities, loadMe } from './account.js';
import { isCurrentIdentity, linkableApps, platformName } from './apps.js';

/**
 * Links another app: the simulator logs the same test user in there (a fresh code of that app, as its
 * client would give it), and wxlogin links that app's identity to the caller's user.
 */
export async function linkIdentity() {
  const { session } = state;
  const candidates = linkableApps();
  const app = candidates.find((a) => a.appId === state.linkAppId) ?? candidates[0];
  if (!app) {
    return;
  }
  const given = await call('POST', `${SIM}/sim/login`, { body: { appId: app.appId, user: session.userName } });
  const linked = await call('POST', '/v1/me/identities', {
    token: session.accessToken, body: { appId: app.appId, code: given.code },
  });
  state.linkAppId = null;
  state.identitiesMessage = {
    kind: 'ok', key: 'msg.identityLinked',
    params: { platform: platformName(linked.identity?.platform ?? app.platform), app: app.appId },
  };
  state.message = state.identitiesMessage;
  await loadMe();
  await loadIdentities();
}

/** Unlinks one identity; the identity this page's session came through ends the session with it. */
export async function unlinkIdentity(id) {
  const { session } = state;
  const identity = Array.isArray(state.identities) ? state.identities.find((i) => i.id === id) : null;
  const token = session.accessToken;
  await call('DELETE', `/v1/me/identities/${encodeURIComponent(id)}`, { token });
  if (identity && isCurrentIdentity(identity)) {
    await endedProof(token, 'msg.unlinkedCurrent');
    return;
  }
  state.identitiesMessage = {
    kind: 'ok', key: 'msg.identityUnlinked',
    params: { platform: platformName(identity?.platform ?? ''), app: identity?.appId ?? id },
  };
  state.message = state.identitiesMessage;
  await loadIdentities();
}
