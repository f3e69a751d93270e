// What the browser tests share: the packaged jar started in dev mode on a free port with a fresh data
// directory, and Debian's Chromium through playwright-core (which never downloads a browser).
//   WXLOGIN_SERVER_JAR  the jar (default ../../wxlogin-server/target/wxlogin-server.jar)
//   CI=true  a missing Chromium fails the test instead of skipping it
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const JAR = resolve(process.env.WXLOGIN_SERVER_JAR || join(here, '../../wxlogin-server/target/wxlogin-server.jar'));
const CI = process.env.CI === 'true';

/** Why the browser test `what` is skipped (no Chromium), or null; with CI=true a missing Chromium throws. */
export function chromiumSkipReason(what) {
  if (existsSync(CHROMIUM)) {
    return null;
  }
  const message = `Chromium not found at ${CHROMIUM}: install it with 'apt-get install -y chromium'`;
  if (CI) {
    throw new Error(`${message} (CI=true: a browser test may not be skipped)`);
  }
  const reason = `${message}; skipping ${what}`;
  console.warn(reason);
  return reason;
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The jar in dev mode; `host` is the name its base URL uses (the service listens on every address). */
export async function startService(host = 'localhost') {
  if (!existsSync(JAR)) {
    throw new Error(`no service jar at ${JAR}: build it with 'mvn -B -q package -DskipTests' (or set WXLOGIN_SERVER_JAR)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wxlogin-demo-'));
  // The client compiler only, the serial collector and a heap bound, as the SDK's tests start it: a JVM
  // starts in about half the time on two shared cores, and nothing here measures speed.
  const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx256m'];
  const child = spawn('java', [...jvm, '-jar', JAR, '--dev', `--server.port=${port}`, `--wxlogin.data-dir=${dataDir}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) {
      output.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const started = { process: child, base: `http://${host}:${port}`, dataDir, output };
  // Generous: a JVM's start on a busy 2-core machine is slow, and nothing here should race it.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      break;
    }
    try {
      const r = await fetch(`${started.base}/actuator/health/readiness`);
      if (r.status === 200) {
        return started;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stopService(started);
  throw new Error(`the service did not become ready within 300 s (exit ${child.exitCode}):\n${output.join('').slice(-4000)}`);
}

export async function stopService(started) {
  if (!started) {
    return;
  }
  const child = started.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(started.dataDir, { recursive: true, force: true });
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
