// The page's session: started from a login's answer (or a link by phone's), the user's data loaded
// after it, and ended with the proof that its access token is refused at once.
import { state } from './state.js';
import { HttpError, call } from './http.js';

/** The sequence diagram back to idle, and no code to replay. */
export function resetSteps() {
  state.steps = state.steps.map(() => ({ state: 'idle', detail: null }));
  state.replay = null;
  state.lastCode = null;
}

/** A session answer becomes the page's session; what was shown of the one before is dropped. */
export function startSession(session, userName, appId) {
  state.session = { ...session, userName, appId };
  state.me = null;
  state.openData = null;
  state.sessions = null;
  state.identities = null;
}

/** Everything the page shows of a session: the user, its live sessions, its identities. */
export async function loadAll() {
  await loadMe();
  await loadSessions();
  await loadIdentities();
}

export async function loadMe() {
  state.me = await call('GET', '/v1/me', { token: state.session.accessToken });
  state.session.user = state.me;
}

export async function loadSessions() {
  const answer = await call('GET', '/v1/sessions', { token: state.session.accessToken });
  state.sessions = answer.sessions;
}

/** GET /v1/me/identities; a service without it (404) leaves the panel saying so and the rest working. */
export async function loadIdentities() {
  try {
    const answer = await call('GET', '/v1/me/identities', { token: state.session.accessToken });
    state.identities = answer.identities ?? [];
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) {
      state.identities = 'unavailable';
      return;
    }
    throw e;
  }
}

/** Ends the page's session, then shows that the old access token is refused at once. */
export async function endedProof(token, key) {
  state.session = null;
  state.me = null;
  state.openData = null;
  state.sessions = null;
  state.identities = null;
  resetSteps();
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
