'use strict';
// Starts the real wxlogin service (the packaged jar, in dev mode, with the WeChat simulator inside)
// on a free port and a fresh data directory, and stops it at the end of the run or of the process.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { httpJson } = require('./http');

const DEFAULT_JAR = path.resolve(__dirname, '..', '..', '..', '..', 'wxlogin-server', 'target', 'wxlogin-server.jar');
const READY_WITHIN_MS = 60000;

function jarPath() {
  const jar = process.env.WXLOGIN_SERVER_JAR ? path.resolve(process.env.WXLOGIN_SERVER_JAR) : DEFAULT_JAR;
  if (!fs.existsSync(jar)) {
    throw new Error(`no service jar at ${jar}: build it (mvn -B -q package -DskipTests) or set WXLOGIN_SERVER_JAR`);
  }
  return jar;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const running = new Map(); // child process -> its data directory
function killAll() {
  for (const [child, dataDir] of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { killAll(); process.exit(130); });
}

/** Starts the service; `extraArgs` are more `--property=value` arguments, `env` more variables. */
async function startService(extraArgs = [], env = {}) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxlogin-sdk-test-'));
  const args = [
    '-Xshare:auto', '-XX:TieredStopAtLevel=1', '-Xmx256m',
    '-jar', jarPath(), '--dev',
    `--server.port=${port}`, '--server.address=127.0.0.1',
    `--wxlogin.data-dir=${dataDir}`,
    // The per-IP limit of logins and refreshes would count every test's calls from 127.0.0.1.
    '--wxlogin.rate-limit.per-ip=0',
    ...extraArgs,
  ];
  const child = spawn('java', args, { cwd: dataDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(child, dataDir);
  let log = '';
  const keep = (chunk) => { log = (log + chunk).slice(-20000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = signal || code; });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (exited !== null) throw new Error(`the service exited (${exited}) before it was ready:\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service was not ready within ${READY_WITHIN_MS / 1000} s:\n${log}`);
    }
    try {
      const res = await httpJson('GET', `${base}/actuator/health/readiness`);
      if (res.statusCode === 200) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    base,
    log: () => log,
    async stop() {
      if (exited === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await gone;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      running.delete(child);
    },
  };
}

module.exports = { startService };
