// The blast-radius view and the paths chart of the ringfence report: pick a vendor
// (every vendor's blast radius is in the report data) or, when the page is served by
// `ringfence serve`, an element or site id (asked of GET /api/blast-radius), and see
// the sites whose traffic it observes or cuts off on a map, with the figures beside
// it. The paths chart shows, per operator, the share of traffic whose path to the
// core crosses each vendor.
//
// window.ringfenceBlast is a read-only view for tests: what is shown and errors.
(function () {
  'use strict';

  const OBSERVED = '#f08a00';
  const CUT = '#d7191c';
  const OTHER = '#b8bcc2';
  const DRAW_OTHERS_UP_TO = 30000; // unaffected sites drawn in grey up to this count
  const DOMAINS = ['ran', 'transport', 'core', 'oss', 'other'];

  const view = { ready: false, errors: [], kind: '', id: '', observedSites: 0, cutSites: 0,
    zones: 0 };
  window.ringfenceBlast = view;
  // The report data: in the page itself, or, under `ringfence serve`, fetched once by
  // report.js, which shares the answer.
  const ready = window.ringfenceDataReady ||
    Promise.resolve(JSON.parse(document.getElementById('ringfence-data').textContent));
  ready.then(run).catch((e) => view.errors.push(String(e && e.stack ? e.stack : e)));

function run(data) {
  if (!data.blast || !data.paths) return;

  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const fmt = (x, digits) => (x === null || x === undefined ? '–'
    : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 0 : digits }));
  const pct = (part, whole) => (whole > 0 ? `${fmt((100 * part) / whole, 1)} %` : '–');
  const S = data.sites;

  // ---------------------------------------------------------------- paths chart
  function renderPathsChart() {
    const el = $('chart-paths');
    const groups = data.paths.groups;
    if (!groups.length) {
      el.textContent = 'No RAN elements.';
      return;
    }
    const vendors = [];
    for (const g of groups) for (const v of g.vendors) if (!vendors.includes(v[0])) vendors.push(v[0]);
    vendors.sort();
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${fmt(v, 1)} %` },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 110, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: groups.map((g) => g.operator) },
      series: vendors.map((name) => ({
        name,
        type: 'bar',
        data: groups.map((g) => {
          const v = g.vendors.find((x) => x[0] === name);
          return v ? Math.round(v[2] * 1000) / 10 : 0;
        }),
      })),
    });
    window.addEventListener('resize', () => chart.resize());
  }

  // ---------------------------------------------------------------- map
  let map = null;
  function setupMap() {
    const world = JSON.parse(document.getElementById('ringfence-world').textContent);
    echarts.registerMap('ringfence-blast-base', {
      type: 'FeatureCollection',
      features: topojson.feature(world, world.objects.countries).features.filter((f) => f.geometry)
        .map((f, i) => ({ ...f, properties: { name: 'country ' + i } })),
    });
    let b = [Infinity, Infinity, -Infinity, -Infinity];
    for (let s = 0; s < S.count; ++s) {
      b = [Math.min(b[0], S.lon[s]), Math.min(b[1], S.lat[s]), Math.max(b[2], S.lon[s]),
        Math.max(b[3], S.lat[s])];
    }
    if (!S.count) b = [-170, -60, 170, 75];
    const m = Math.max(0.05, (b[2] - b[0]) * 0.05);
    map = echarts.init($('b-map'));
    map.setOption({
      animation: false,
      tooltip: { trigger: 'item', confine: true },
      geo: {
        map: 'ringfence-blast-base', roam: true, silent: true,
        boundingCoords: [[b[0] - m, b[3] + m], [b[2] + m, b[1] - m]],
        aspectScale: Math.max(0.2, Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180)),
        itemStyle: { areaColor: '#f7f4ec', borderColor: '#a9a9a9', borderWidth: 0.6 },
      },
      series: [],
    });
    window.addEventListener('resize', () => map.resize());
  }

  function drawSites(marks) {
    const observed = [];
    const cut = [];
    const affected = new Set();
    for (const [s, seen, lost] of marks) {
      affected.add(s);
      const point = [S.lon[s], S.lat[s], s];
      if (lost) cut.push(point);
      else if (seen) observed.push(point);
    }
    const others = [];
    if (S.count <= DRAW_OTHERS_UP_TO)
      for (let s = 0; s < S.count; ++s) if (!affected.has(s)) others.push([S.lon[s], S.lat[s], s]);
    const tip = (p) => `site ${esc(S.id[p.value[2]])}`;
    const scatter = (name, points, color, size, z) => ({
      name, type: 'scatter', coordinateSystem: 'geo', data: points, symbolSize: size, z,
      itemStyle: { color }, tooltip: { formatter: (p) => `${tip(p)}<br>${name}` },
      large: points.length > 5000,
    });
    map.setOption({
      series: [
        scatter('not affected', others, OTHER, 3, 2),
        scatter('traffic observed', observed, OBSERVED, 6, 3),
        scatter('cut off if it fails', cut, CUT, 7, 4),
      ],
    }, { replaceMerge: ['series'] });
    view.observedSites = marks.filter((m) => m[1]).length;
    view.cutSites = marks.filter((m) => m[2]).length;
  }

  // ---------------------------------------------------------------- figures
  function amountsRow(label, a, total) {
    return `<tr><th>${esc(label)}</th><td>${fmt(a.elements)}</td><td>${fmt(a.traffic, 1)} (${pct(a.traffic, total.traffic)})</td>` +
      `<td>${fmt(a.population)} (${pct(a.population, total.population)})</td></tr>`;
  }

  function renderFigures(b) {
    const n = b.network;
    let html = `<h3>${esc(b.target.kind)} ${esc(b.target.id)}</h3>` +
      `<p class="muted">${fmt(b.target.elements)} elements; ${fmt(n.total.elements)} RAN elements have a path to the core.</p>` +
      '<table class="small" id="b-table"><thead><tr><th></th><th>elements</th><th>traffic</th><th>population</th></tr></thead><tbody>' +
      amountsRow('observes', n.observed, n.total);
    DOMAINS.forEach((d) => {
      if (n.observed_in[d].elements > 0) html += amountsRow(`… in ${d}`, n.observed_in[d], n.total);
    });
    html += amountsRow('cuts off', n.cut_off, n.total) + '</tbody></table>';
    html += '<h4>By operator (traffic observed / cut off)</h4><ul>';
    for (const o of b.operators)
      html += `<li>${esc(o.operator)}: ${pct(o.observed.traffic, o.total.traffic)} / ${pct(o.cut_off.traffic, o.total.traffic)}</li>`;
    html += '</ul>';
    if (b.zones.length) {
      html += `<h4>Sensitive zones whose traffic (within ${fmt(b.zone_radius_m)} m) crosses it</h4><ul id="b-zones">`;
      for (const z of b.zones)
        html += `<li>${esc(z.name || z.zone_id)} (${esc(z.category)}): ${fmt(z.observed.elements)} elements</li>`;
      html += '</ul>';
    }
    if (b.top_elements.length) {
      html += '<h4>Its elements carrying the most traffic</h4><ol>';
      for (const t of b.top_elements)
        html += `<li>${esc(t.element_id)} (${esc(t.domain)}, site ${esc(t.site_id)}): ${fmt(t.carried_traffic, 1)}</li>`;
      html += '</ol>';
    }
    $('b-figures').innerHTML = html;
    view.zones = b.zones.length;
  }

  function show(b) {
    view.kind = b.target.kind;
    view.id = b.target.id;
    drawSites(b.site_marks);
    renderFigures(b);
    $('b-status').textContent = '';
  }

  function setupControls() {
    const select = $('b-vendor');
    data.blast.vendors.forEach((v, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = `${v.target.id} (${v.target.elements} elements)`;
      select.appendChild(o);
    });
    select.addEventListener('change', () => show(data.blast.vendors[Number(select.value)]));
    if (data.mode !== 'serve') {
      $('b-ask').hidden = true;
      return;
    }
    $('b-ask').hidden = false;
    $('b-go').addEventListener('click', async () => {
      const kind = $('b-kind').value;
      const id = $('b-id').value.trim();
      if (!id) return;
      $('b-status').textContent = 'asking the server …';
      try {
        const res = await fetch(`api/blast-radius?${kind}=${encodeURIComponent(id)}`);
        const body = await res.json();
        if (!res.ok) throw new Error(body.error || res.statusText);
        show(body);
      } catch (e) {
        $('b-status').textContent = String(e.message || e);
      }
    });
  }

  try {
    renderPathsChart();
    setupMap();
    setupControls();
    if (data.blast.vendors.length) show(data.blast.vendors[0]);
    view.ready = true;
  } catch (e) {
    view.errors.push(String(e && e.stack ? e.stack : e));
    throw e;
  }
}
})();
