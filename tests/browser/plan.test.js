// The remediation plan in the page: `report --plan` draws visits and cost month by
// month with the deadlines on the same axis, lists every deadline's outcome and
// colours the map by visit month; under `serve --plan` the page fetches the plan and
// plans again when the crews are edited. Every figure is compared with
// `ringfence plan --format json` on the same options.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { after, before, describe, test } = require('node:test');
const { ROOT, OUT_DIR, launch, open, run, runCheck, foreignRequests, startServer, stopServer } =
  require('./support');

const KOREA = path.join(ROOT, 'examples', 'korea-small');
const POLICIES = ['--policy', 'us-kr-sensitive', '--policy', 'uk-2020'];
const AT = '2024-01-01';

let browser;
before(async () => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

// The plan as `ringfence plan` writes it (exit status 1: a deadline missed).
const planJson = (crews) => JSON.parse(runCheck(['plan', KOREA, ...POLICIES, '--start', AT,
  '--crews', String(crews), '--format', 'json']));

// The plan chart's series: per operator the site visits per month, and the cost line
// with its deadline marks.
const planChart = (page) => page.evaluate(() => {
  const chart = echarts.getInstanceByDom(document.getElementById('chart-plan'));
  const o = chart.getOption();
  return {
    months: o.xAxis[0].data,
    bars: o.series.filter((x) => x.type === 'bar').map((x) => ({ name: x.name, data: x.data })),
    cost: o.series.find((x) => x.name === 'cost').data,
    marks: o.series.find((x) => x.name === 'cost').markLine.data.map((d) => d.xAxis),
  };
});

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const missedOf = (plan) => plan.deadlines.filter((d) => !d.met).length;

describe('report --plan', () => {
  const report = path.join(OUT_DIR, 'report-plan.html');
  let plan;
  let page;
  let log;

  before(async () => {
    run(['report', KOREA, ...POLICIES, '--at', AT, '--plan', '--crews', '2', '--out', report]);
    plan = planJson(2);
    ({ page, log } = await open(browser.context, 'file://' + report));
  });

  test('the figures are those of `ringfence plan`', async () => {
    const st = await page.evaluate(() => window.ringfenceReport.plan);
    assert.deepEqual(st, { state: 'ready', sites: plan.summary.sites,
      deadlines: plan.deadlines.length, missed: missedOf(plan),
      months: st.months, cost: plan.summary.cost });
    assert.ok(missedOf(plan) > 0, 'two crews are too few for the example: some deadline is missed');
    const info = await page.locator('#plan-info').innerText();
    assert.match(info, new RegExp(`GBP ${Math.round(plan.summary.cost).toLocaleString('en')}`));
    assert.match(info, new RegExp(`${missedOf(plan)} of ${plan.deadlines.length} missed`));
  });

  test('visits and cost month by month, deadlines on the same axis', async () => {
    const chart = await planChart(page);
    assert.equal(chart.months[0], '2024-01');
    // Bars: per operator, the plan's visits in each month.
    for (const bar of chart.bars) {
      const expected = chart.months.map((m) => sum(plan.months
        .filter((x) => x.month === m && x.operator === bar.name).map((x) => x.sites)));
      assert.deepEqual(bar.data, expected, bar.name);
    }
    assert.equal(sum(chart.bars.map((b) => sum(b.data))), plan.summary.sites);
    assert.equal(Math.round(sum(chart.cost)), Math.round(plan.summary.cost));
    // One mark per month holding a deadline; the example's are all due at once or in
    // the horizon's months.
    const deadlineMonths = new Set(plan.deadlines.map((d) =>
      (d.deadline && d.deadline > AT ? d.deadline.slice(0, 7) : '2024-01')));
    assert.deepEqual(new Set(chart.marks), deadlineMonths);
  });

  test('every deadline is listed with its outcome', async () => {
    const rows = page.locator('#plan-deadlines tbody tr');
    assert.equal(await rows.count(), plan.deadlines.length);
    assert.equal(await page.locator('#plan-deadlines td.missed').count(), missedOf(plan));
    const first = plan.deadlines.find((d) => !d.met);
    const text = await page.locator('#plan-deadlines tbody').innerText();
    assert.match(text, new RegExp(`${first.crews} \\(${first.crews_needed} would meet it\\)`));
  });

  test('the map coloured by the month of the visit', async () => {
    const vendorSeries = await page.evaluate(() =>
      echarts.getInstanceByDom(document.getElementById('map')).getOption().series
        .filter((x) => x.type === 'scatter' && x.id.startsWith('vendor-')).length);
    assert.ok(vendorSeries > 0);
    await page.selectOption('#map-colour', 'plan');
    await page.waitForFunction(() => window.ringfenceReport.colourBy === 'plan');
    const series = await page.evaluate(() =>
      echarts.getInstanceByDom(document.getElementById('map')).getOption().series
        .filter((x) => x.type === 'scatter' && x.id.startsWith('plan-'))
        .map((x) => ({ name: x.name, items: x.data.length })));
    const map = await page.evaluate(() => window.ringfenceReport.map);
    assert.equal(map.aggregated, false);
    assert.equal(map.renderedSites, 61);
    const visited = sum(series.filter((x) => x.name.startsWith('visited')).map((x) => x.items));
    assert.equal(visited, plan.summary.sites);
    assert.equal(series.find((x) => x.name === 'not visited').items, 61 - plan.summary.sites);
    // Each class holds the sites visited in its months ("visited 2024-01 to 2024-06"
    // when months are grouped), as the plan's visits.
    for (const x of series.filter((c) => c.name.startsWith('visited'))) {
      const [, from, to] = /^visited (\d{4}-\d\d)(?: to (\d{4}-\d\d))?$/.exec(x.name);
      const expected = plan.visits.filter((v) => v.month >= from && v.month <= (to || from));
      assert.equal(x.items, expected.length, x.name);
    }
    assert.ok(series.some((x) => x.name.startsWith('visited 2024-01')));
    assert.match(await page.locator('#legend').innerText(), /Plan: month of the visit/);
    await page.screenshot({ path: path.join(OUT_DIR, 'report-plan.png'), fullPage: true });
    await page.selectOption('#map-colour', 'vendor');
    await page.waitForFunction(() => window.ringfenceReport.colourBy === 'vendor');
  });

  test('no network, no errors', async () => {
    assert.deepEqual(foreignRequests(log.requests, 'file://'), []);
    assert.deepEqual(log.consoleErrors, []);
    assert.deepEqual(log.pageErrors, []);
  });
});

describe('a report without --plan', () => {
  test('says how to add the plan, and offers no plan colouring', async () => {
    const report = path.join(OUT_DIR, 'report-no-plan.html');
    run(['report', KOREA, ...POLICIES, '--at', AT, '--out', report]);
    const { page } = await open(browser.context, 'file://' + report);
    assert.match(await page.locator('#chart-plan').innerText(), /report --plan/);
    assert.equal(await page.locator('#map-colour-wrap').isHidden(), true);
    assert.equal((await page.evaluate(() => window.ringfenceReport.plan)).state, 'none');
    await page.close();
  });
});

describe('serve --plan', () => {
  let server;
  let base;
  before(async () => {
    server = startServer(['serve', KOREA, ...POLICIES, '--at', AT, '--plan', '--crews', '2',
      '--port', '0']);
    base = await server.url;
  });
  after(() => stopServer(server));

  test('the page fetches the plan, and plans again with the crews edited', async () => {
    const { page, log } = await open(browser.context, base);
    await page.waitForFunction(() => window.ringfenceReport.plan.state === 'ready');
    const two = planJson(2);
    assert.equal((await page.evaluate(() => window.ringfenceReport.plan)).missed, missedOf(two));
    assert.equal(await page.inputValue('#p-crews'), '2');

    const nine = planJson(9);
    assert.ok(missedOf(nine) < missedOf(two));
    await page.fill('#p-crews', '9');
    await page.click('#p-replan');
    await page.waitForFunction((n) => window.ringfenceReport.plan.state === 'ready' &&
      window.ringfenceReport.plan.missed === n, missedOf(nine));
    const st = await page.evaluate(() => window.ringfenceReport.plan);
    assert.equal(st.sites, nine.summary.sites);
    assert.equal(st.cost, nine.summary.cost);
    assert.match(await page.locator('#plan-info').innerText(), /KT 9, LG U\+ 9, SK Telecom 9/);

    // A malformed entry is refused in the page, an unknown operator by the server.
    await page.fill('#p-crews', 'LG U+ = many');
    await page.click('#p-replan');
    await page.waitForFunction(() => /OPERATOR=N/.test(document.getElementById('p-status').textContent));
    await page.fill('#p-crews', 'Vodafone=3');
    await page.click('#p-replan');
    await page.waitForFunction(() => /no operator 'Vodafone'/.test(document.getElementById('p-status').textContent));
    assert.deepEqual(foreignRequests(log.requests, base), []);
    assert.deepEqual(log.pageErrors, []);
    // The refused crews are answered 400, which the browser logs; nothing else.
    assert.ok(log.consoleErrors.every((e) => /400/.test(e)), log.consoleErrors.join('\n'));
    await page.close();
  });

  test('the API: the plan, crews, and 404 without --plan', async () => {
    const r = await fetch(base + 'api/plan');
    assert.equal(r.status, 200);
    assert.ok(r.headers.get('etag'));
    const again = await fetch(base + 'api/plan', { headers: { 'If-None-Match': r.headers.get('etag') } });
    assert.equal(again.status, 304);
    const bad = await fetch(base + 'api/crews', { method: 'POST', body: '{"crews": 0}',
      headers: { 'Content-Type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /from 1 to/);
    const form = await fetch(base + 'api/crews', { method: 'POST', body: 'crews=3',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
  });
});
