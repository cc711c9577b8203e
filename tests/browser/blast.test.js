// The blast-radius view and the paths chart, in headless Chromium: in the report file
// a vendor picked from the list shows the sites `blast-radius --format geojson` names;
// served by `ringfence serve`, an element id typed in the page is asked of
// /api/blast-radius and its sites are shown. Nothing is requested from elsewhere and
// nothing is logged as an error.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { after, before, describe, test } = require('node:test');
const { ROOT, OUT_DIR, launch, open, run, foreignRequests, startServer, stopServer } =
  require('./support');

const KOREA = path.join(ROOT, 'examples', 'korea-small');
const ARGS = ['--policy', 'us-kr-sensitive', '--at', '2024-01-01'];

// Sites observed and cut off, as the command line sees them.
function expected(targetArgs) {
  const g = JSON.parse(run(['blast-radius', KOREA, ...targetArgs, '--format', 'geojson']));
  const props = g.features.map((f) => f.properties);
  return {
    observed: props.filter((p) => p.observed_elements > 0).length,
    cut: props.filter((p) => p.cut_off).length,
  };
}
const view = (page) => page.evaluate(() => ({ ...window.ringfenceBlast }));

let browser;
before(async () => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

describe('blast radius in the report file', () => {
  const report = path.join(OUT_DIR, 'report-blast-korea-small.html');
  let page;
  let log;
  before(async () => {
    run(['report', KOREA, ...ARGS, '--out', report]);
    ({ page, log } = await open(browser.context, 'file://' + report));
    await page.waitForFunction(() => window.ringfenceBlast && window.ringfenceBlast.ready);
  });

  test('picking Huawei shows the sites whose traffic crosses it', async () => {
    const option = await page.locator('#b-vendor option', { hasText: /^Huawei / }).getAttribute('value');
    await page.selectOption('#b-vendor', option);
    const v = await view(page);
    assert.equal(v.kind, 'vendor');
    assert.equal(v.id, 'Huawei');
    const want = expected(['--vendor', 'Huawei']);
    assert.ok(want.observed > 0);
    assert.equal(v.observedSites, want.observed);
    assert.equal(v.cutSites, want.cut);
    assert.match(await page.locator('#b-figures').innerText(), /observes/);
    await page.locator('#blast-panel').screenshot({ path: path.join(OUT_DIR, 'blast-report.png') });
  });

  test('the paths chart is drawn; the element box is only for serve', async () => {
    assert.equal(await page.locator('#chart-paths canvas').count() > 0, true);
    assert.equal(await page.locator('#b-ask').isHidden(), true);
    assert.deepEqual(foreignRequests(log.requests, 'file://'), []);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    assert.deepEqual((await view(page)).errors, []);
  });
});

describe('blast radius in serve', () => {
  let server;
  let base;
  before(async () => {
    server = startServer(['serve', KOREA, ...ARGS, '--port', '0']);
    base = await server.url;
  });
  after(() => stopServer(server));

  test('an element typed in the page is asked of the API and shown', async () => {
    const { page, log } = await open(browser.context, base);
    await page.waitForFunction(() => window.ringfenceBlast && window.ringfenceBlast.ready);
    assert.equal(await page.locator('#b-ask').isHidden(), false);
    await page.selectOption('#b-kind', 'element');
    await page.fill('#b-id', 'LGU-E0015');
    await page.click('#b-go');
    await page.waitForFunction(() => window.ringfenceBlast.id === 'LGU-E0015');
    const v = await view(page);
    const want = expected(['--element', 'LGU-E0015']);
    assert.equal(v.kind, 'element');
    assert.equal(v.observedSites, want.observed);
    assert.equal(v.cutSites, want.cut);
    await page.fill('#b-id', 'NO-SUCH-ELEMENT');
    await page.click('#b-go');
    await page.waitForFunction(() => /no element/.test(document.getElementById('b-status').textContent));
    assert.deepEqual(foreignRequests(log.requests, base), []);
    assert.deepEqual(log.pageErrors, []);
  });
});
