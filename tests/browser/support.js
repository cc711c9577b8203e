// Shared by the browser tests: Debian's Chromium, started headless through
// playwright-core, with every console message, page error and request recorded.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(process.env.RINGFENCE_BIN || path.join(ROOT, 'build', 'ringfence'));
const OUT_DIR = path.resolve(process.env.RINGFENCE_BROWSER_OUT ||
  path.join(path.dirname(BIN), 'browser-test'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Flags for a closed network: no background connections, no GPU.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-dev-shm-usage'];

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ringfence-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Opens url in a new page, recording console errors, page errors and requests.
async function open(context, url) {
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  await page.waitForFunction(() => window.ringfenceReport && window.ringfenceReport.ready,
    null, { timeout: 120000 });
  return { page, log };
}

module.exports = { ROOT, BIN, OUT_DIR, CHROMIUM, launch, open };

// Runs the ringfence binary to completion; rejects on a non-zero exit.
function run(args, options = {}) {
  const { execFileSync } = require('child_process');
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28, ...options });
}

// Like run, but a check's exit status 1 (overdue findings) is an answer, not a failure.
function runCheck(args) {
  const { spawnSync } = require('child_process');
  const r = spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ringfence ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// Pixels of the map's canvases that are strongly coloured: the sites, findings and
// zones (the base map is pale and grey).
async function colouredMapPixels(page) {
  return page.evaluate(() => {
    let n = 0;
    for (const canvas of document.querySelectorAll('#map canvas')) {
      const ctx = canvas.getContext('2d');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] < 128) continue;
        const max = Math.max(data[i], data[i + 1], data[i + 2]);
        const min = Math.min(data[i], data[i + 1], data[i + 2]);
        if (max - min > 60) ++n;
      }
    }
    return n;
  });
}

// Requests other than the page's own kind (file: for a report, the server's origin
// for the web UI), data: and blob: URLs.
function foreignRequests(requests, allowedPrefix) {
  return requests.filter((u) => !u.startsWith(allowedPrefix) && !u.startsWith('data:') &&
    !u.startsWith('blob:'));
}

// Starts `ringfence serve` (args as on its command line, with --port 0); `url`
// resolves with its base URL once it listens.
function startServer(args) {
  const { spawn } = require('child_process');
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + err)), 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out: () => out })));
  return { child, url, exited };
}

module.exports.run = run;
module.exports.startServer = startServer;

// Stops a server of startServer (SIGTERM) and waits for it to exit.
async function stopServer(server) {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}
module.exports.stopServer = stopServer;
module.exports.runCheck = runCheck;
module.exports.colouredMapPixels = colouredMapPixels;
module.exports.foreignRequests = foreignRequests;
