// `ringfence serve` with headless Chromium and plain HTTP: the page (the report in
// serve mode) draws the map and filters the table, a policy edited in the page is
// evaluated again, and the JSON API answers its routes, pages findings and refuses
// bad parameters with 400 and a message.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { after, before, describe, test } = require('node:test');
const { ROOT, OUT_DIR, launch, open, runCheck, colouredMapPixels, foreignRequests, startServer, stopServer } =
  require('./support');

const KOREA = path.join(ROOT, 'examples', 'korea-small');
const ARGS = ['--policy', 'us-kr-sensitive', '--policy', 'uk-2020', '--at', '2024-01-01'];

async function get(base, route) {
  const r = await fetch(base + route);
  return { status: r.status, type: r.headers.get('content-type'), body: await r.json() };
}

let server;
let base;
let check;
before(async () => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  check = JSON.parse(runCheck(['check', KOREA, ...ARGS, '--format', 'json']));
  server = startServer(['serve', KOREA, ...ARGS, '--port', '0']);
  base = await server.url;
});
after(() => stopServer(server));

describe('the JSON API', () => {
  test('summary: the head of check --format json', async () => {
    const r = await get(base, 'api/summary');
    assert.equal(r.status, 200);
    assert.match(r.type, /^application\/json/);
    assert.equal(r.body.at, '2024-01-01');
    assert.deepEqual(r.body.summary, check.summary);
    assert.deepEqual(r.body.policies, check.policies);
    assert.deepEqual(r.body.inputs.sha256, check.inputs.sha256);
    assert.equal(r.body.network.sites, 61);
  });

  test('findings: paged, in check order, each as check writes it', async () => {
    const all = [];
    for (let offset = 0; ; offset += 20) {
      const r = await get(base, `api/findings?limit=20&offset=${offset}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.total, check.summary.findings);
      assert.equal(r.body.offset, offset);
      assert.equal(r.body.limit, 20);
      if (r.body.findings.length === 0) break;
      assert.ok(r.body.findings.length <= 20);
      all.push(...r.body.findings);
    }
    assert.deepEqual(all, check.findings);
  });

  test('findings: filters', async () => {
    const count = async (q) => (await get(base, 'api/findings?' + q)).body.total;
    const expected = (pred) => check.findings.filter(pred).length;
    assert.equal(await count('status=due'), check.summary.due);
    assert.equal(await count('rule=uk-2020/no-new-5g'), check.summary.by_rule['uk-2020/no-new-5g']);
    assert.equal(await count('operator=' + encodeURIComponent('LG U+')),
      expected((f) => f.operator === 'LG U+' || (f.group && f.group.operator === 'LG U+')));
    let byDomain = 0;
    for (const d of ['ran', 'transport', 'core', 'oss', 'other']) byDomain += await count('domain=' + d);
    assert.equal(byDomain, expected((f) => f.element_id !== undefined));
    assert.equal(await count('q=yongsan'), expected((f) => /yongsan/i.test(f.message)));
    assert.equal(await count('vendor=HUAWEI%20TECHNOLOGIES'), expected((f) => f.vendor === 'Huawei'));
    assert.equal(await count('site=LGU-S016'), expected((f) => f.site_id === 'LGU-S016'));
  });

  test('bad parameters: 400 with a message', async () => {
    const cases = {
      'api/findings?limit=abc': "limit 'abc' is not a whole number from 1 to 1000",
      'api/findings?limit=5000': "limit '5000' is not a whole number from 1 to 1000",
      'api/findings?status=soon': "status 'soon' is not due or overdue",
      'api/findings?rule=x': "unknown rule 'x'",
      'api/findings?colour=red': "unknown parameter 'colour'",
      'api/sites?bbox=1,2,3': "bbox '1,2,3' is not minlon,minlat,maxlon,maxlat",
      'api/sites?bbox=127,38,126,39': 'minlon must not exceed maxlon',
      'api/exposure?measure=money': "measure 'money' is not elements",
    };
    for (const [route, message] of Object.entries(cases)) {
      const r = await get(base, route);
      assert.equal(r.status, 400, route);
      assert.match(r.type, /^application\/json/);
      assert.ok(r.body.error.includes(message), `${route}: ${r.body.error}`);
    }
    const missing = await get(base, 'api/nothing');
    assert.equal(missing.status, 404);
    assert.match(missing.body.error, /no route GET \/api\/nothing/);
    const outside = await get(base, '..%2f..%2fetc%2fpasswd');
    assert.equal(outside.status, 404);
  });

  test('a request naming another host is refused (DNS rebinding)', async () => {
    const http = require('http');
    const { status, body } = await new Promise((resolve, reject) => {
      const req = http.get(base + 'api/summary', { headers: { Host: 'attacker.example:80' } }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      });
      req.on('error', reject);
    });
    assert.equal(status, 403);
    assert.match(body.error, /only requests for localhost/);
  });

  test('sites in a bounding box', async () => {
    const r = await get(base, 'api/sites?bbox=126.9,37.4,127.1,37.6&limit=3');
    assert.equal(r.status, 200);
    assert.ok(r.body.total > 3);
    assert.equal(r.body.returned, 3);
    assert.equal(r.body.truncated, true);
    for (const s of r.body.sites) {
      assert.deepEqual(Object.keys(s), ['site_id', 'operator', 'kind', 'lon', 'lat', 'vendor',
        'findings', 'status']);
      assert.ok(s.lon >= 126.9 && s.lon <= 127.1 && s.lat >= 37.4 && s.lat <= 37.6);
    }
    const all = await get(base, 'api/sites?limit=10000');
    assert.equal(all.body.total, 61);
    assert.equal(all.body.sites.reduce((a, s) => a + s.findings, 0),
      check.findings.filter((f) => f.site_id).length);
  });

  test('exposure as the exposure command writes it', async () => {
    const r = await get(base, 'api/exposure?by=operator,domain&measure=sites');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.by, ['operator', 'domain']);
    assert.equal(r.body.measure, 'sites');
    assert.ok(r.body.groups.length >= 3);
  });

  test('a policy must come as TOML, and a broken one is refused with its line', async () => {
    let r = await fetch(base + 'api/evaluate', { method: 'POST', body: 'x' });
    assert.equal(r.status, 415);
    r = await fetch(base + 'api/evaluate', { method: 'POST', body: '[policy]\nid = "p"\n[[rule]]\nid = "r"\nkind = "nope"\n',
      headers: { 'Content-Type': 'application/toml' } });
    assert.equal(r.status, 400);
    assert.match((await r.json()).error, /^request body:5:\d+: .*unknown kind 'nope'/);
    assert.equal((await get(base, 'api/summary')).body.summary.findings, check.summary.findings);
  });
});

describe('limits', () => {
  // Sends raw bytes over TCP; resolves with what the server answered before closing,
  // and how long it kept the connection.
  function raw(bytes, { wait = 0 } = {}) {
    const net = require('net');
    const { port } = new URL(base);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        if (bytes) socket.write(bytes);
      });
      let text = '';
      socket.on('data', (d) => { text += d; });
      socket.on('error', reject);
      socket.on('close', () => resolve({ text, ms: Date.now() - started }));
      if (wait) setTimeout(() => socket.destroy(), wait);
    });
  }

  test('a body over 1 MiB is refused with 413', async () => {
    const r = await fetch(base + 'api/evaluate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/toml' },
      body: '#'.repeat(2 * 1024 * 1024),
    });
    assert.equal(r.status, 413);
  });

  test('a malformed request is answered 400', async () => {
    const { text } = await raw('NONSENSE\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 400/);
  });

  test('a client that sends nothing is dropped after the read time limit', async () => {
    // The server's limit is 10 s; the test gives up at 30 s.
    const { text, ms } = await raw('GET /api/summary HTTP/1.1\r\n', { wait: 30000 });
    assert.ok(ms >= 9000 && ms < 29000, `closed after ${ms} ms`);
    assert.doesNotMatch(text, /"summary"/);
  });

  test('the server still answers after all that', async () => {
    assert.equal((await get(base, 'api/summary')).status, 200);
  });
});

describe('the web UI', () => {
  let browser;
  let page;
  let log;
  before(async () => {
    browser = await launch();
    ({ page, log } = await open(browser.context, base));
  });
  after(async () => {
    if (browser) await browser.close();
  });

  test('the page draws the map and filters the table', async () => {
    const s = await page.evaluate(() => ({ mode: window.ringfenceReport.mode,
      map: window.ringfenceReport.map, rows: window.ringfenceReport.table.rowCount }));
    assert.equal(s.mode, 'serve');
    assert.equal(s.map.renderedSites, 61);
    assert.equal(s.map.marks, 61);
    assert.equal(s.rows, check.summary.findings);
    assert.ok(await colouredMapPixels(page) > 61 * 10);
    await page.selectOption('#f-status', 'due');
    assert.equal(await page.evaluate(() => window.ringfenceReport.table.rowCount), check.summary.due);
    await page.selectOption('#f-status', '');
  });

  test('a policy edited in the page is evaluated again', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#e-policy option').length === 2);
    const toml = await page.inputValue('#e-text');
    assert.match(toml, /id = "us-kr-sensitive"/);

    // A broken edit: the message names the line; nothing changes.
    await page.fill('#e-text', toml.replace('kind = "zone_exclusion"', 'kind = "zone_exclusionn"'));
    await page.click('#e-evaluate');
    await page.waitForFunction(() => document.getElementById('e-status').classList.contains('error'));
    assert.match(await page.innerText('#e-status'), /^request body:\d+:\d+: .*zone_exclusionn/);

    // A smaller radius: fewer findings, and the page shows the new evaluation.
    const before = check.summary.findings;
    await Promise.all([
      page.waitForEvent('load'),
      (async () => {
        await page.fill('#e-text', toml.replaceAll('radius_m = 5000', 'radius_m = 100'));
        await page.click('#e-evaluate');
      })(),
    ]);
    await page.waitForFunction(() => window.ringfenceReport && window.ringfenceReport.ready);
    const after = await page.evaluate(() => window.ringfenceReport.findings);
    assert.ok(after < before, `${after} < ${before}`);
    assert.equal((await get(base, 'api/summary')).body.summary.findings, after);
  });

  test('only the server is asked, no errors; a screenshot', async () => {
    await page.screenshot({ path: path.join(OUT_DIR, 'serve.png'), fullPage: true });
    assert.deepEqual(foreignRequests(log.requests, base), []);
    // The deliberate bad policy is answered 400, which Chromium logs as a failed load.
    const unexpected = log.consoleErrors.filter((m) => !/status of 400/.test(m));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(log.pageErrors, []);
  });
});

describe('stopping', () => {
  test('SIGTERM stops the server cleanly', async () => {
    server.child.kill('SIGTERM');
    const { code, out } = await server.exited;
    assert.equal(code, 0);
    assert.match(out(), /stopped/);
  });
});
