// The one-file HTML report in headless Chromium, opened from disk: the map draws one
// point per site (grid cells when zoomed out on a large network), filters and search
// change the table, the CSV download holds the rows shown, nothing is requested from
// any network address and nothing is logged as an error.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { after, before, describe, test } = require('node:test');
const { ROOT, OUT_DIR, launch, open, run, runCheck, colouredMapPixels, foreignRequests } =
  require('./support');

const KOREA = path.join(ROOT, 'examples', 'korea-small');
const POLICIES = ['--policy', 'us-kr-sensitive', '--policy', 'uk-2020', '--at', '2024-01-01'];

let browser;
before(async () => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

const state = (page) => page.evaluate(() => ({
  map: window.ringfenceReport.map,
  table: window.ringfenceReport.table,
  errors: window.ringfenceReport.errors,
}));
const tableRows = (page) => page.locator('#findings-table tbody tr').count();

// The map's series as ECharts holds them: id, type, number of data items and, for the
// clusters, the sites they account for.
const mapSeries = (page) => page.evaluate(() => {
  const chart = echarts.getInstanceByDom(document.getElementById('map'));
  return chart.getOption().series.map((x) => ({
    id: x.id,
    type: x.type,
    items: x.data.length,
    sites: x.id === 'clusters' ? x.data.reduce((a, d) => a + d.value[2], 0) : undefined,
  }));
});

// The labels written on the deadlines chart's bubbles.
const deadlineLabels = (page) => page.evaluate(() => {
  const chart = echarts.getInstanceByDom(document.getElementById('chart-deadlines'));
  const out = [];
  for (const series of chart.getOption().series)
    for (const d of series.data) out.push(d.label && d.label.show ? d.label.formatter : null);
  return out;
});

describe('report of the Korean example', () => {
  const report = path.join(OUT_DIR, 'report-korea-small.html');
  let check;
  let page;
  let log;

  before(async () => {
    run(['report', KOREA, ...POLICIES, '--out', report]);
    check = JSON.parse(runCheck(['check', KOREA, ...POLICIES, '--format', 'json']));
    ({ page, log } = await open(browser.context, 'file://' + report));
  });

  test('the map shows one point per site', async () => {
    const s = await state(page);
    assert.equal(s.map.renderedSites, 61);
    assert.equal(s.map.marks, 61);
    assert.equal(s.map.aggregated, false);
    const zones = JSON.parse(fs.readFileSync(path.join(KOREA, 'zones.geojson'), 'utf8'));
    assert.equal(s.map.zones, zones.features.length);
    const sitesWithFindings = new Set(check.findings.filter((f) => f.site_id).map((f) => f.site_id));
    assert.equal(s.map.findingSites, sitesWithFindings.size);
    assert.ok(await colouredMapPixels(page) > 61 * 10, 'the points are drawn on the canvas');
  });

  test('the header names the inputs, their hashes, the date and the policies', async () => {
    const text = await page.locator('header').innerText();
    assert.match(text, /korea-small/);
    assert.match(text, /Evaluated at 2024-01-01/);
    assert.match(text, /us-kr-sensitive, uk-2020/);
    const hashes = await page.locator('#inputs-table td.hash').allTextContents();
    assert.deepEqual(hashes.sort(), Object.values(check.inputs.sha256).sort());
  });

  test('a filter changes the table and the map', async () => {
    assert.equal((await state(page)).table.rowCount, check.summary.findings);
    assert.equal(await tableRows(page), Math.min(100, check.summary.findings));
    await page.selectOption('#f-operator', { label: 'KT' });
    const kt = check.findings.filter((f) => f.operator === 'KT' ||
      (f.group && f.group.operator === 'KT')).length;
    const s = await state(page);
    assert.equal(s.table.rowCount, kt);
    assert.notEqual(kt, check.summary.findings);
    assert.equal(await tableRows(page), Math.min(100, kt));
    assert.ok(s.map.renderedSites < 61 && s.map.renderedSites > 0);

    await page.selectOption('#f-operator', { label: 'all' });
    await page.selectOption('#f-rule', { index: 0 });
    const rule = 'us-kr-sensitive/military-bases';
    await page.selectOption('#f-rule', { label: `${rule} (${check.summary.by_rule[rule]})` });
    assert.equal((await state(page)).table.rowCount, check.summary.by_rule[rule]);
    await page.click('#f-reset');
    assert.equal((await state(page)).table.rowCount, check.summary.findings);
  });

  test('search, sort and CSV download', async () => {
    await page.fill('#t-search', 'Yongsan Garrison');
    const expected = check.findings.filter((f) => /yongsan garrison/i.test(f.message)).length;
    assert.ok(expected > 0);
    await page.waitForFunction((n) => window.ringfenceReport.table.rowCount === n, expected);

    await page.click('#findings-table th[data-key="distance_m"]');
    const first = await page.locator('#findings-table tbody tr').first().innerText();
    const nearest = Math.min(...check.findings.filter((f) => /yongsan garrison/i.test(f.message) &&
      f.distance_m !== undefined).map((f) => f.distance_m));
    assert.ok(first.includes(nearest.toLocaleString('en-US')), `${first} has ${nearest}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#t-csv')]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0].split(',')[0], 'rule_id');
    assert.equal(csv.length, expected + 1);
    await page.fill('#t-search', '');
    await page.waitForFunction((n) => window.ringfenceReport.table.rowCount === n,
      check.summary.findings);
  });

  test('a table row takes the map to its site', async () => {
    await page.locator('#findings-table tbody tr.has-site').first().click();
    await page.waitForFunction(() => !document.getElementById('site-info').classList.contains('muted'));
    assert.match(await page.locator('#site-info').innerText(), /^Site \S+/);
  });

  test('the deadlines chart labels every bubble with its counts', async () => {
    const timeline = JSON.parse(runCheck(['check', KOREA, ...POLICIES, '--timeline',
      '--format', 'json'])).timeline;
    assert.ok(timeline.some((r) => r.deadline === null) && timeline.some((r) => r.deadline));
    const expected = timeline.map((r) => {
      const n = r.findings.toLocaleString('en-US');
      const text = r.overdue === r.findings ? `${n} overdue` : r.overdue === 0 ? `${n} due`
        : `${n} (${r.overdue.toLocaleString('en-US')} overdue)`;
      return text + (r.deadline ? '' : ' at once');
    });
    assert.deepEqual((await deadlineLabels(page)).sort(), expected.sort());
  });

  test('the jargon is explained: glossary and tooltips', async () => {
    const terms = await page.locator('#glossary dt').allTextContents();
    for (const t of ['RAN', 'OSS', 'eNB (eNodeB)', 'gNB (gNodeB)', 'UPF', 'EMS', 'HHI'])
      assert.ok(terms.includes(t), `${t} in ${terms}`);
    assert.match(await page.locator('#f-domain option', { hasText: /^ran$/ }).getAttribute('title'),
      /radio access network/);
    const domainCell = page.locator('#findings-table tbody td[title]', { hasText: /^core$/ }).first();
    assert.match(await domainCell.getAttribute('title'), /central network functions/);
    // Explanations naming a network function explain it.
    const titled = await page.locator('#findings-table tbody td.message[title]').evaluateAll((tds) =>
      tds.map((td) => [td.textContent, td.title]));
    assert.ok(titled.length > 0);
    for (const [text, title] of titled) {
      for (const [term, name] of [['gnb', 'gNB'], ['enb', 'eNB'], ['upf', 'UPF'], ['ems', 'EMS']])
        if (new RegExp(`\\b${term}\\b`, 'i').test(text)) assert.match(title, new RegExp(name));
    }
  });

  test('nothing from the network, no errors; a screenshot', async () => {
    await page.screenshot({ path: path.join(OUT_DIR, 'report-korea-small.png'), fullPage: true });
    assert.deepEqual(foreignRequests(log.requests, 'file://'), []);
    assert.deepEqual(log.consoleErrors, []);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual((await state(page)).errors, []);
  });
});

describe('report of a generated national-scale network', () => {
  const dir = path.join(OUT_DIR, 'generated');
  const report = path.join(OUT_DIR, 'report-generated.html');
  let page;
  let log;
  let sites;

  before(async () => {
    run(['generate', '--country', 'KR', '--sites', '40000', '--seed', '3', '--out', dir, '--force']);
    run(['report', dir, ...POLICIES, '--out', report]);
    const started = Date.now();
    ({ page, log } = await open(browser.context, 'file://' + report));
    const size = fs.statSync(report).size;
    console.log(`# ${path.basename(report)}: ${(size / 1e6).toFixed(1)} MB, ready in ${Date.now() - started} ms`);
    sites = await page.evaluate(() => window.ringfenceReport.sites);
  });

  test('zoomed out, the sites are drawn as clusters', async () => {
    const s = await state(page);
    assert.ok(sites > 40000);
    assert.equal(s.map.renderedSites, sites);
    assert.equal(s.map.aggregated, true);
    assert.equal(s.map.clusters, s.map.marks);
    assert.ok(s.map.marks > 20 && s.map.marks < 1000, `${s.map.marks} clusters`);
    // One series of clusters that accounts for every site in view, no site drawn alone.
    const series = await mapSeries(page);
    const clusters = series.find((x) => x.id === 'clusters');
    assert.equal(clusters.items, s.map.marks);
    assert.equal(clusters.sites, sites);
    assert.deepEqual(series.filter((x) => x.type === 'scatter' && x.items > 0), []);
    assert.ok(series.reduce((a, x) => a + x.items, 0) < 2000);
    assert.ok(await colouredMapPixels(page) > 1000);
    await page.screenshot({ path: path.join(OUT_DIR, 'report-generated-clusters.png') });
  });

  test('a click on a cluster zooms in on it', async () => {
    const before = (await state(page)).map.renderedSites;
    const target = await page.evaluate(() => {
      const chart = echarts.getInstanceByDom(document.getElementById('map'));
      const list = chart.getOption().series.find((x) => x.id === 'clusters').data;
      const biggest = list.reduce((a, d) => (d.value[2] > a.value[2] ? d : a));
      return { sites: biggest.value[2], zoom: chart.getOption().geo[0].zoom,
        at: chart.convertToPixel({ geoIndex: 0 }, [biggest.value[0], biggest.value[1]]) };
    });
    const box = await page.locator('#map').boundingBox();
    await page.mouse.click(box.x + target.at[0], box.y + target.at[1]);
    await page.waitForFunction((n) => window.ringfenceReport.map.renderedSites < n, before);
    const s = await state(page);
    // Three times closer, centred on the cluster: all its sites, and fewer than before.
    assert.ok(s.map.renderedSites >= target.sites && s.map.renderedSites < before,
      `${s.map.renderedSites} sites in view, ${target.sites} in the cluster, ${before} before`);
    const zoom = await page.evaluate(() =>
      echarts.getInstanceByDom(document.getElementById('map')).getOption().geo[0].zoom);
    assert.ok(Math.abs(zoom - 3 * target.zoom) < 1e-9, `zoom ${target.zoom} to ${zoom}`);
  });

  test('zoomed in, single sites again', async () => {
    // The wheel zooms in (1.1 times a notch) ...
    const box = await page.locator('#map').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = (await state(page)).map.renderedSites;
    for (let i = 0; i < 8; ++i) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(100);
    }
    await page.waitForFunction((n) => window.ringfenceReport.map.renderedSites < n, before);
    // ... and so do clicks on the largest cluster, until single sites are drawn.
    for (let i = 0; i < 8 && (await state(page)).map.aggregated; ++i) {
      const at = await page.evaluate(() => {
        const chart = echarts.getInstanceByDom(document.getElementById('map'));
        const list = chart.getOption().series.find((x) => x.id === 'clusters').data;
        const biggest = list.reduce((a, d) => (d.value[2] > a.value[2] ? d : a));
        return chart.convertToPixel({ geoIndex: 0 }, [biggest.value[0], biggest.value[1]]);
      });
      const shown = (await state(page)).map.renderedSites;
      await page.mouse.click(box.x + at[0], box.y + at[1]);
      await page.waitForFunction((n) => window.ringfenceReport.map.renderedSites < n, shown);
    }
    const s = await state(page);
    assert.equal(s.map.aggregated, false);
    assert.ok(s.map.renderedSites < sites);
    assert.equal(s.map.marks, s.map.renderedSites);
  });

  test('no network, no errors', async () => {
    await page.screenshot({ path: path.join(OUT_DIR, 'report-generated.png') });
    assert.deepEqual(foreignRequests(log.requests, 'file://'), []);
    assert.deepEqual(log.consoleErrors, []);
    assert.deepEqual(log.pageErrors, []);
  });
});
