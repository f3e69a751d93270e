// HTTP: every call to the simulator and to the wxlogin API, each one logged.
import { LOG_LIMIT, SIM, STEP_PAUSE_MS, state } from './state.js';
import { renderLog } from './rendering.js';
import { exchangeCalls } from './platforms.js';

export class HttpError extends Error {
  constructor(status, problem) {
    super(`${status} ${problem?.code ?? ''}`);
    this.status = status;
    this.problem = problem;
  }
}

/** One request; every exchange goes into the log (method, path, status, problem code), never a body. */
export async function call(method, path, { body, token } = {}) {
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

/** How often the simulator was asked to exchange a login code of `platformId`, or null when it cannot tell. */
export async function exchangeCallCount(platformId) {
  try {
    const stats = await call('GET', `${SIM}/sim/stats`);
    return exchangeCalls(stats?.calls, platformId);
  } catch {
    return null;
  }
}

export const pause = (ms = STEP_PAUSE_MS) => new Promise((resolve) => setTimeout(resolve, ms));
