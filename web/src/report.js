// The ringfence report page: reads the report data (format in
// include/ringfence/report.hpp) from the page itself and draws the header, the map,
// the charts and the findings table. Nothing is fetched, except from the local
// `ringfence serve` API when the page is served by it: there the page holds only
// { mode: "serve", data_url } and fetches the data from that address, so the page
// itself stays the same across evaluations and the browser keeps it.
//
// window.ringfenceReport is a read-only view of what the page shows (for tests and
// for anyone scripting the page): counts of rendered map points and table rows, the
// filters in force, and script errors.
(function () {
  'use strict';

  const embedded = JSON.parse(document.getElementById('ringfence-data').textContent);
  if (!embedded.data_url) {
    start(embedded);
    return;
  }
  fetch(embedded.data_url, { credentials: 'same-origin' })
    .then((r) => {
      if (!r.ok) throw new Error('cannot load the report data: HTTP ' + r.status);
      return r.json();
    })
    .then(start)
    .catch((e) => {
      document.body.insertAdjacentText('afterbegin', String(e));
      throw e;
    });

// The page, drawn from the report data.
function start(data) {

  const AGGREGATE_ABOVE = 25000; // visible sites above which the map draws grid cells
  const CELL_PX = 3; // grid cell size when aggregated
  const PAGE_SIZE = 100;
  const PALETTE = ['#4e79a7', '#59a14f', '#b07aa1', '#17becf', '#9c755f', '#3d3d9e', '#76b7b2',
    '#1b9e77', '#ff9da7', '#66a61e', '#a6761d', '#7570b3', '#e7298a', '#6b6ecf', '#8c564b',
    '#b5cf6b', '#393b79', '#bab0ac'];
  const NO_VENDOR = '#9aa0a6';
  const OVERDUE = '#d7191c';
  const DUE = '#f08a00';

  const st = {
    ready: false,
    errors: [],
    map: { renderedSites: 0, marks: 0, aggregated: false, findingSites: 0, findingMarks: 0,
      matchingSites: 0, zones: 0 },
    table: { rowCount: 0, shownRows: 0, page: 0, sortKey: null, sortDesc: false },
    filters: { operator: -1, vendor: -1, domain: -1, rule: -1, status: '', onlyFindings: false,
      q: '' },
  };
  window.addEventListener('error', (e) => st.errors.push(String(e.message || e)));
  window.addEventListener('unhandledrejection', (e) => st.errors.push(String(e.reason)));

  const S = data.sites;
  const F = data.findings;
  const nSites = S.count;
  const nFindings = F.count;

  window.ringfenceReport = Object.freeze({
    get ready() { return st.ready; },
    get mode() { return data.mode; },
    get at() { return data.at; },
    get sites() { return nSites; },
    get findings() { return nFindings; },
    get map() { return Object.assign({}, st.map); },
    get table() {
      return { rowCount: st.table.rowCount, shownRows: st.table.shownRows, page: st.table.page,
        sortKey: st.table.sortKey, sortDesc: st.table.sortDesc };
    },
    get filters() { return Object.assign({}, st.filters); },
    get errors() { return st.errors.slice(); },
  });

  // ---------------------------------------------------------------- helpers
  const $ = (id) => document.getElementById(id);
  const fmt = (n) => Number(n).toLocaleString('en-US');
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
    '"': '&quot;', "'": '&#39;' }[c]));
  const vendorColor = (v) => (v < 0 ? NO_VENDOR : PALETTE[v % PALETTE.length]);
  const ruleId = (r) => data.rules[r].rule_id;
  function debounce(fn, ms) {
    let t = null;
    return function () {
      clearTimeout(t);
      t = setTimeout(fn, ms);
    };
  }
  function option(value, text) {
    const o = document.createElement('option');
    o.value = String(value);
    o.textContent = text;
    return o;
  }

  // ---------------------------------------------------------------- header
  function renderHeader() {
    document.title = 'ringfence report: ' + data.inputs.bundle;
    $('head-bundle').textContent = data.inputs.bundle;
    $('head-meta').textContent = 'Evaluated at ' + data.at + ' by ringfence ' + data.ringfence +
      ' against ' + data.policies.map((p) => p.id).join(', ') + '.';
    $('foot-version').textContent = data.ringfence;
    const sm = data.summary;
    const cards = [['sites', sm.sites], ['elements', sm.elements], ['zones', sm.zones],
      ['findings', sm.findings], ['overdue', sm.overdue], ['due', sm.due],
      ['sites with findings', sm.sites_with_findings]];
    $('cards').innerHTML = cards.map(([label, n]) =>
      `<div class="card ${label === 'overdue' || label === 'due' ? label : ''}"><b>${fmt(n)}</b>` +
      `<span>${esc(label)}</span></div>`).join('');
    $('inputs-table').querySelector('tbody').innerHTML = data.inputs.files.map((f) =>
      `<tr><td>${esc(f.name)}</td><td>${fmt(f.bytes)}</td><td class="hash">${esc(f.sha256)}</td></tr>`)
      .join('');
    $('policies-list').innerHTML = data.policies.map((p) =>
      `<li><b>${esc(p.id)}</b>: ${esc(p.title)} <span class="muted">(${esc(p.origin)})</span>` +
      (p.source ? `<br><span class="muted">${esc(p.source)}</span>` : '') + '</li>').join('');
    const skipped = data.rules.filter((r) => r.skipped).map((r) => r.rule_id + ' (from ' +
      r.effective + ')');
    $('skipped-rules').textContent = skipped.length ? 'Not yet effective: ' + skipped.join(', ') : '';
  }

  // ---------------------------------------------------------------- filters
  // Per equipment profile: does it pass the vendor/domain filter, and which vendor
  // colours a site with it.
  let profileOk = new Uint8Array(data.profiles.length);
  let profileColour = new Int32Array(data.profiles.length);
  let siteOk = new Uint8Array(nSites); // passes operator/vendor/domain
  let siteStatus = new Uint8Array(nSites); // worst status of its matching findings (0 none)
  let findingOk = new Uint8Array(nFindings); // passes every filter but the search

  function computeFilters() {
    const f = st.filters;
    for (let p = 0; p < data.profiles.length; ++p) {
      const t = data.profiles[p];
      let ok = f.vendor < 0 && f.domain < 0;
      let best = -1;
      let bestCount = -1;
      for (let i = 0; i < t.length; i += 3) {
        const v = t[i];
        const d = t[i + 1];
        const n = t[i + 2];
        const match = (f.vendor < 0 || v === f.vendor) && (f.domain < 0 || d === f.domain);
        if (match) {
          ok = true;
          if (n > bestCount) {
            best = v;
            bestCount = n;
          }
        }
      }
      profileOk[p] = ok ? 1 : 0;
      profileColour[p] = best;
    }
    for (let s = 0; s < nSites; ++s)
      siteOk[s] = (f.operator < 0 || S.operator[s] === f.operator) && profileOk[S.profile[s]] ? 1 : 0;
    siteStatus.fill(0);
    const wantStatus = f.status === 'overdue' ? 1 : f.status === 'due' ? 0 : -1;
    for (let i = 0; i < nFindings; ++i) {
      const ok = (f.rule < 0 || F.rule[i] === f.rule) &&
        (wantStatus < 0 || F.status[i] === wantStatus) &&
        (f.operator < 0 || F.operator[i] === f.operator) &&
        (f.vendor < 0 || F.vendor[i] === f.vendor) &&
        (f.domain < 0 || F.domain[i] === f.domain);
      findingOk[i] = ok ? 1 : 0;
      const s = F.site[i];
      if (ok && s >= 0) siteStatus[s] = Math.max(siteStatus[s], F.status[i] + 1);
    }
  }

  // The colour of a site under the current filters: its dominant vendor, or the
  // vendor with most elements among those the vendor/domain filter selects.
  function siteColourVendor(s) {
    if (st.filters.vendor < 0 && st.filters.domain < 0) return S.vendor[s];
    return profileColour[S.profile[s]];
  }

  function setupFilters() {
    const fill = (id, names) => {
      const sel = $(id);
      sel.appendChild(option(-1, 'all'));
      names.forEach((n, i) => sel.appendChild(option(i, n)));
    };
    fill('f-operator', data.operators);
    fill('f-vendor', data.vendors);
    fill('f-domain', data.domains);
    const rules = $('f-rule');
    rules.appendChild(option(-1, 'all'));
    data.rules.forEach((r, i) => {
      if (!r.skipped) rules.appendChild(option(i, `${r.rule_id} (${fmt(r.findings)})`));
    });
    const onChange = () => {
      st.filters.operator = Number($('f-operator').value);
      st.filters.vendor = Number($('f-vendor').value);
      st.filters.domain = Number($('f-domain').value);
      st.filters.rule = Number($('f-rule').value);
      st.filters.status = $('f-status').value;
      st.filters.onlyFindings = $('f-only-findings').checked;
      refresh();
    };
    for (const id of ['f-operator', 'f-vendor', 'f-domain', 'f-rule', 'f-status', 'f-only-findings'])
      $(id).addEventListener('change', onChange);
    $('f-reset').addEventListener('click', () => {
      for (const id of ['f-operator', 'f-vendor', 'f-domain', 'f-rule']) $(id).value = '-1';
      $('f-status').value = '';
      $('f-only-findings').checked = false;
      onChange();
    });
  }

  // ---------------------------------------------------------------- map
  let mapChart = null;
  let bbox = null; // [minLon, minLat, maxLon, maxLat] of the sites
  let visible = new Int32Array(0); // sites drawn individually (when not aggregated)
  let visibleCount = 0;
  let px = null; // linear projection lon/lat -> pixels: [ax, kx, ay, ky]

  function sitesBbox() {
    if (nSites === 0) return [-170, -60, 170, 75];
    let b = [Infinity, Infinity, -Infinity, -Infinity];
    for (let s = 0; s < nSites; ++s) {
      b[0] = Math.min(b[0], S.lon[s]);
      b[1] = Math.min(b[1], S.lat[s]);
      b[2] = Math.max(b[2], S.lon[s]);
      b[3] = Math.max(b[3], S.lat[s]);
    }
    const mx = Math.max(0.05, (b[2] - b[0]) * 0.04);
    const my = Math.max(0.05, (b[3] - b[1]) * 0.04);
    return [b[0] - mx, Math.max(-89, b[1] - my), b[2] + mx, Math.min(89, b[3] + my)];
  }

  function featureBbox(geometry) {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    const walk = (c) => {
      if (typeof c[0] === 'number') {
        b[0] = Math.min(b[0], c[0]);
        b[1] = Math.min(b[1], c[1]);
        b[2] = Math.max(b[2], c[0]);
        b[3] = Math.max(b[3], c[1]);
      } else {
        for (const x of c) walk(x);
      }
    };
    if (geometry && geometry.coordinates) walk(geometry.coordinates);
    return b;
  }

  // Natural Earth countries near the sites (all of them when none is near).
  function baseMap() {
    const world = JSON.parse(document.getElementById('ringfence-world').textContent);
    const all = topojson.feature(world, world.objects.countries).features
      .filter((f) => f.geometry);
    const near = [bbox[0] - 20, bbox[1] - 12, bbox[2] + 20, bbox[3] + 12];
    let kept = all.filter((f) => {
      const b = featureBbox(f.geometry);
      return b[0] <= near[2] && b[2] >= near[0] && b[1] <= near[3] && b[3] >= near[1];
    });
    if (kept.length === 0) kept = all;
    kept.forEach((f, i) => {
      f.properties = { name: (f.properties && f.properties.name) || 'country ' + i };
    });
    return { type: 'FeatureCollection', features: kept };
  }

  function setupMap() {
    bbox = sitesBbox();
    echarts.registerMap('ringfence-base', baseMap());
    mapChart = echarts.init($('map'), null, { renderer: 'canvas' });
    const midLat = (bbox[1] + bbox[3]) / 2;
    mapChart.setOption({
      animation: false,
      tooltip: { trigger: 'item', confine: true },
      geo: {
        id: 'base',
        map: 'ringfence-base',
        roam: true,
        boundingCoords: [[bbox[0], bbox[3]], [bbox[2], bbox[1]]],
        aspectScale: Math.max(0.2, Math.cos((midLat * Math.PI) / 180)),
        scaleLimit: { min: 0.3, max: 5000 },
        silent: true,
        itemStyle: { areaColor: '#f7f4ec', borderColor: '#a9a9a9', borderWidth: 0.6 },
        emphasis: { disabled: true },
        select: { disabled: true },
        label: { show: false },
      },
      series: [],
    });
    mapChart.on('georoam', debounce(renderMap, 120));
    mapChart.getZr().on('click', (e) => showSiteAt(e.offsetX, e.offsetY));
    renderLegend();
  }

  function updateProjection() {
    const x0 = bbox[0];
    const y0 = bbox[1];
    const x1 = bbox[2];
    const y1 = bbox[3];
    const a = mapChart.convertToPixel({ geoIndex: 0 }, [x0, y0]);
    const b = mapChart.convertToPixel({ geoIndex: 0 }, [x1, y1]);
    const kx = (b[0] - a[0]) / (x1 - x0);
    const ky = (b[1] - a[1]) / (y1 - y0);
    px = [a[0] - kx * x0, kx, a[1] - ky * y0, ky];
  }
  const toLon = (x) => (x - px[0]) / px[1];
  const toLat = (y) => (y - px[2]) / px[3];

  function zoneSeries() {
    const zones = data.zones;
    return {
      id: 'zones',
      type: 'custom',
      coordinateSystem: 'geo',
      z: 3,
      data: zones.map((z, i) => {
        const c = z.point || (z.polygons[0] && z.polygons[0][0][0]) || [0, 0];
        return { name: z.name || z.id, value: [c[0], c[1], i] };
      }),
      tooltip: {
        formatter: (p) => {
          const z = zones[p.dataIndex];
          const radii = z.radii.map((r) => `${esc(ruleId(r.rule))}: ${fmt(r.radius_m)} m`);
          return `<b>${esc(z.name || z.id)}</b> (${esc(z.category || 'zone')})<br>zone ${esc(z.id)}` +
            (radii.length ? '<br>' + radii.join('<br>') : '');
        },
      },
      renderItem: (params, api) => {
        const z = zones[params.dataIndex];
        const children = [];
        for (const poly of z.buffer) {
          children.push({
            type: 'polygon',
            shape: { points: poly[0].map((p) => api.coord(p)) },
            style: { fill: 'rgba(215,25,28,0.07)', stroke: OVERDUE, lineWidth: 1, lineDash: [4, 3] },
          });
        }
        if (z.point) {
          const c = api.coord(z.point);
          children.push({ type: 'circle', shape: { cx: c[0], cy: c[1], r: 4 },
            style: { fill: OVERDUE, stroke: '#fff', lineWidth: 1 } });
        } else {
          for (const poly of z.polygons) {
            children.push({ type: 'polygon', shape: { points: poly[0].map((p) => api.coord(p)) },
              style: { fill: 'rgba(215,25,28,0.25)', stroke: OVERDUE, lineWidth: 1 } });
          }
        }
        return { type: 'group', children };
      },
    };
  }

  function scatter(id, name, points, style, size, z) {
    return {
      id,
      name,
      type: 'scatter',
      coordinateSystem: 'geo',
      data: points,
      symbol: 'circle',
      symbolSize: size,
      large: true,
      largeThreshold: 1000,
      silent: true,
      animation: false,
      itemStyle: style,
      z,
    };
  }

  // Draws the sites that pass the filters and are in view: one mark per site, or,
  // when more than AGGREGATE_ABOVE are in view, one mark per grid cell, coloured by
  // the cell's most common vendor.
  function renderMap() {
    if (!mapChart) return;
    updateProjection();
    const W = mapChart.getWidth();
    const H = mapChart.getHeight();
    const pad = 8;
    if (visible.length < nSites) visible = new Int32Array(nSites);
    let n = 0;
    let matching = 0;
    for (let s = 0; s < nSites; ++s) {
      if (!siteOk[s] || (st.filters.onlyFindings && siteStatus[s] === 0)) continue;
      ++matching;
      const x = px[0] + px[1] * S.lon[s];
      const y = px[2] + px[3] * S.lat[s];
      if (x >= -pad && x <= W + pad && y >= -pad && y <= H + pad) visible[n++] = s;
    }
    visibleCount = n;
    const nV = data.vendors.length + 1; // last slot: no vendor
    const byVendor = Array.from({ length: nV }, () => []);
    const rings = [[], []]; // due, overdue
    let marks = 0;
    let findingSites = 0;
    const aggregated = n > AGGREGATE_ABOVE;
    if (!aggregated) {
      for (let i = 0; i < n; ++i) {
        const s = visible[i];
        const v = siteColourVendor(s);
        byVendor[v < 0 ? nV - 1 : v].push([S.lon[s], S.lat[s]]);
        if (siteStatus[s]) {
          rings[siteStatus[s] - 1].push([S.lon[s], S.lat[s]]);
          ++findingSites;
        }
      }
      marks = n;
    } else {
      const cols = Math.ceil((W + 2 * pad) / CELL_PX) + 1;
      const cellOf = new Map();
      const counts = [];
      const status = [];
      const centres = [];
      for (let i = 0; i < n; ++i) {
        const s = visible[i];
        const cx = Math.floor((px[0] + px[1] * S.lon[s] + pad) / CELL_PX);
        const cy = Math.floor((px[2] + px[3] * S.lat[s] + pad) / CELL_PX);
        const key = cy * cols + cx;
        let c = cellOf.get(key);
        if (c === undefined) {
          c = centres.length;
          cellOf.set(key, c);
          centres.push([toLon((cx + 0.5) * CELL_PX - pad), toLat((cy + 0.5) * CELL_PX - pad)]);
          for (let k = 0; k < nV; ++k) counts.push(0);
          status.push(0);
        }
        const v = siteColourVendor(s);
        counts[c * nV + (v < 0 ? nV - 1 : v)]++;
        if (siteStatus[s]) {
          status[c] = Math.max(status[c], siteStatus[s]);
          ++findingSites;
        }
      }
      for (let c = 0; c < centres.length; ++c) {
        let best = 0;
        for (let k = 1; k < nV; ++k) if (counts[c * nV + k] > counts[c * nV + best]) best = k;
        byVendor[best].push(centres[c]);
        if (status[c]) rings[status[c] - 1].push(centres[c]);
      }
      marks = centres.length;
    }
    const series = [zoneSeries()];
    byVendor.forEach((points, v) => {
      const isNone = v === nV - 1;
      series.push(scatter('vendor-' + v, isNone ? '(no equipment)' : data.vendors[v], points,
        { color: isNone ? NO_VENDOR : vendorColor(v), opacity: 0.85 },
        aggregated ? CELL_PX + 1 : 5, 4));
    });
    series.push(scatter('findings-due', 'due findings', rings[0],
      { color: 'rgba(0,0,0,0)', borderColor: DUE, borderWidth: 1.5 }, aggregated ? 6 : 9, 5));
    series.push(scatter('findings-overdue', 'overdue findings', rings[1],
      { color: 'rgba(0,0,0,0)', borderColor: OVERDUE, borderWidth: 1.5 }, aggregated ? 6 : 9, 6));
    mapChart.setOption({ series }, { replaceMerge: ['series'] });
    st.map = {
      renderedSites: n,
      marks,
      aggregated,
      findingSites,
      findingMarks: rings[0].length + rings[1].length,
      matchingSites: matching,
      zones: data.zones.length,
    };
    $('map-status').textContent = `${fmt(n)} sites in view of ${fmt(matching)} matching` +
      (aggregated ? `, drawn as ${fmt(marks)} grid cells (zoom in for single sites)` : '') +
      `; ${fmt(findingSites)} with findings`;
  }

  function renderLegend() {
    const items = data.vendors.map((v, i) =>
      `<div class="item"><span class="dot" style="background:${vendorColor(i)}"></span>${esc(v)}</div>`);
    items.push(`<div class="item"><span class="ring" style="border-color:${OVERDUE}"></span>overdue finding</div>`);
    items.push(`<div class="item"><span class="ring" style="border-color:${DUE}"></span>due finding</div>`);
    if (data.zones.length)
      items.push('<div class="item"><span class="zone"></span>zone and rule radius</div>');
    $('legend').innerHTML = '<b>Vendors</b>' + items.join('');
  }

  // Findings per site (CSR), built on first use.
  let siteFindingOffsets = null;
  let siteFindingList = null;
  function findingsOfSite(s) {
    if (!siteFindingOffsets) {
      siteFindingOffsets = new Int32Array(nSites + 1);
      for (let i = 0; i < nFindings; ++i) if (F.site[i] >= 0) siteFindingOffsets[F.site[i] + 1]++;
      for (let k = 0; k < nSites; ++k) siteFindingOffsets[k + 1] += siteFindingOffsets[k];
      siteFindingList = new Int32Array(siteFindingOffsets[nSites]);
      const next = siteFindingOffsets.slice(0, nSites);
      for (let i = 0; i < nFindings; ++i) if (F.site[i] >= 0) siteFindingList[next[F.site[i]]++] = i;
    }
    return Array.from(siteFindingList.subarray(siteFindingOffsets[s], siteFindingOffsets[s + 1]));
  }

  function showSiteAt(x, y) {
    if (!px || st.map.aggregated) return;
    let best = -1;
    let bestD = 10 * 10;
    for (let i = 0; i < visibleCount; ++i) {
      const s = visible[i];
      const dx = px[0] + px[1] * S.lon[s] - x;
      const dy = px[2] + px[3] * S.lat[s] - y;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    if (best >= 0) showSite(best);
  }

  function showSite(s) {
    const t = data.profiles[S.profile[s]];
    const equipment = [];
    for (let i = 0; i < t.length; i += 3)
      equipment.push(`${esc(data.vendors[t[i]])} ${esc(data.domains[t[i + 1]])}: ${t[i + 2]}`);
    const found = findingsOfSite(s);
    const shown = found.slice(0, 12).map((i) =>
      `<li class="${F.status[i] ? 'status-overdue' : 'status-due'}">[${F.status[i] ? 'overdue' : 'due'}] ` +
      `${esc(ruleId(F.rule[i]))}: ${esc(F.message[i])}</li>`);
    if (found.length > shown.length) shown.push(`<li>… ${fmt(found.length - shown.length)} more</li>`);
    $('site-info').classList.remove('muted');
    $('site-info').innerHTML = `<b>Site ${esc(S.id[s])}</b><br>${esc(data.operators[S.operator[s]])}, ` +
      `${esc(data.kinds[S.kind[s]])}<br>${S.lat[s].toFixed(5)}, ${S.lon[s].toFixed(5)}` +
      `<br>Equipment (elements):<ul>${equipment.map((e) => `<li>${e}</li>`).join('')}</ul>` +
      `Findings: ${fmt(found.length)}<ul>${shown.join('')}</ul>`;
  }

  function focusSite(s) {
    if (!mapChart) return;
    // About 0.3 degrees across: the site and its neighbours.
    const zoom = Math.max(1, Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 0.3);
    mapChart.setOption({ geo: { id: 'base', center: [S.lon[s], S.lat[s]], zoom } });
    renderMap();
    showSite(s);
    $('map-panel').scrollIntoView({ behavior: 'auto', block: 'start' });
  }

  // ---------------------------------------------------------------- charts
  const charts = {};
  function chartIn(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }
  function emptyChart(id, text) {
    $(id).innerHTML = `<div class="empty-chart">${esc(text)}</div>`;
  }

  function renderShareChart() {
    if (!data.exposure.length) return emptyChart('chart-share', 'No elements.');
    const groups = data.exposure;
    const cats = groups.map((g) => `${g.operator} · ${g.domain}`);
    const present = new Set();
    groups.forEach((g) => g.vendors.forEach((v) => present.add(v[0])));
    const vendors = Array.from(present).sort((a, b) => a - b);
    const series = vendors.map((v) => ({
      name: data.vendors[v],
      type: 'bar',
      stack: 'share',
      itemStyle: { color: vendorColor(v) },
      emphasis: { focus: 'series' },
      data: groups.map((g) => {
        const e = g.vendors.find((x) => x[0] === v);
        return e ? Math.round(e[2] * 1000) / 10 : 0;
      }),
    }));
    chartIn('chart-share').setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x) => x + ' %' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: cats, inverse: true },
      series,
    });
  }

  function renderRulesChart() {
    const rules = data.rules.map((r, i) => i).filter((i) => !data.rules[i].skipped);
    if (!rules.length) return emptyChart('chart-rules', 'No rules in force.');
    const due = new Array(data.rules.length).fill(0);
    const overdue = new Array(data.rules.length).fill(0);
    for (let i = 0; i < nFindings; ++i) {
      if (!findingOk[i]) continue;
      if (F.status[i]) overdue[F.rule[i]]++;
      else due[F.rule[i]]++;
    }
    chartIn('chart-rules').setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 34, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rules.map((i) => ruleId(i)), inverse: true,
        axisLabel: { width: 230, overflow: 'truncate' } },
      series: [
        { name: 'overdue', type: 'bar', stack: 'n', itemStyle: { color: OVERDUE },
          data: rules.map((i) => overdue[i]) },
        { name: 'due', type: 'bar', stack: 'n', itemStyle: { color: DUE },
          data: rules.map((i) => due[i]) },
      ],
    });
  }

  function renderDeadlineChart() {
    const rows = data.timeline;
    if (!rows.length) return emptyChart('chart-deadlines', 'No findings, so no deadlines.');
    const ops = Array.from(new Set(rows.map((r) => r.operator))).sort();
    const size = (n) => Math.max(6, Math.min(46, 5 + Math.sqrt(n) * 1.6));
    const point = (r) => ({
      value: [r.deadline || data.at, ops.indexOf(r.operator), r.findings, r.overdue],
      symbolSize: size(r.findings),
      deadline: r.deadline,
    });
    chartIn('chart-deadlines').setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => `${esc(ops[p.value[1]])}<br>deadline ${esc(p.data.deadline || 'none (in force at once)')}` +
          `<br>${fmt(p.value[2])} findings, ${fmt(p.value[3])} overdue`,
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 34, bottom: 8, containLabel: true },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: ops },
      series: [
        { name: 'overdue', type: 'scatter', itemStyle: { color: OVERDUE, opacity: 0.8 },
          data: rows.filter((r) => r.overdue > 0).map(point),
          markLine: { symbol: 'none', silent: true, lineStyle: { color: '#555', type: 'dashed' },
            label: { formatter: 'evaluated ' + data.at }, data: [{ xAxis: data.at }] } },
        { name: 'due', type: 'scatter', itemStyle: { color: DUE, opacity: 0.8 },
          data: rows.filter((r) => r.overdue === 0).map(point) },
      ],
    });
  }

  // The plan, when the data carries one: months [{ month: "YYYY-MM", operator,
  // sites, cost }].
  function renderPlanChart() {
    const plan = data.plan;
    if (!plan || !Array.isArray(plan.months) || !plan.months.length)
      return emptyChart('chart-plan', 'No remediation plan is included in this report.');
    const months = Array.from(new Set(plan.months.map((m) => m.month))).sort();
    const ops = Array.from(new Set(plan.months.map((m) => m.operator))).sort();
    chartIn('chart-plan').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 34, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: [{ type: 'value', name: 'sites' }, { type: 'value', name: 'cost' }],
      series: ops.map((op) => ({
        name: op, type: 'bar', stack: 'sites',
        data: months.map((m) => plan.months.filter((x) => x.month === m && x.operator === op)
          .reduce((a, x) => a + (x.sites || 0), 0)),
      })).concat([{
        name: 'cost', type: 'line', yAxisIndex: 1,
        data: months.map((m) => plan.months.filter((x) => x.month === m)
          .reduce((a, x) => a + (x.cost || 0), 0)),
      }]),
    });
  }

  // ---------------------------------------------------------------- table
  const COLUMNS = [
    { key: 'rule', label: 'rule', get: (i) => ruleId(F.rule[i]) },
    { key: 'status', label: 'status', get: (i) => (F.status[i] ? 'overdue' : 'due') },
    { key: 'deadline', label: 'deadline', get: (i) => (F.deadline[i] < 0 ? '' : data.dates[F.deadline[i]]) },
    { key: 'operator', label: 'operator', get: (i) => (F.operator[i] < 0 ? '' : data.operators[F.operator[i]]) },
    { key: 'vendor', label: 'vendor', get: (i) => (F.vendor[i] < 0 ? '' : data.vendors[F.vendor[i]]) },
    { key: 'domain', label: 'domain', get: (i) => (F.domain[i] < 0 ? '' : data.domains[F.domain[i]]) },
    { key: 'element', label: 'element', get: (i) => F.element[i] },
    { key: 'site', label: 'site', get: (i) => (F.site[i] < 0 ? '' : S.id[F.site[i]]) },
    { key: 'group', label: 'group', get: (i) => F.group[i] },
    { key: 'zone', label: 'zone', get: (i) => (F.zone[i] < 0 ? '' : data.zones[F.zone[i]].id) },
    { key: 'distance_m', label: 'distance (m)', numeric: true,
      get: (i) => (F.distance_m[i] === null ? '' : F.distance_m[i]) },
    { key: 'message', label: 'explanation', get: (i) => F.message[i] },
  ];
  let haystack = null; // lower-case text searched, per finding
  let rows = new Int32Array(0);

  function searchText(i) {
    return (F.message[i] + ' ' + F.element[i] + ' ' + (F.site[i] < 0 ? '' : S.id[F.site[i]]) + ' ' +
      F.group[i] + ' ' + ruleId(F.rule[i])).toLowerCase();
  }

  function computeRows() {
    const q = st.filters.q.trim().toLowerCase();
    if (q && !haystack) haystack = Array.from({ length: nFindings }, (_, i) => searchText(i));
    const out = [];
    for (let i = 0; i < nFindings; ++i) {
      if (!findingOk[i]) continue;
      if (q && haystack[i].indexOf(q) < 0) continue;
      out.push(i);
    }
    const key = st.table.sortKey;
    if (key) {
      const col = COLUMNS.find((c) => c.key === key);
      const values = new Map(out.map((i) => [i, col.get(i)]));
      const dir = st.table.sortDesc ? -1 : 1;
      out.sort((a, b) => {
        let va = values.get(a);
        let vb = values.get(b);
        if (col.numeric) {
          va = va === '' ? -Infinity : va;
          vb = vb === '' ? -Infinity : vb;
        }
        return va < vb ? -dir : va > vb ? dir : 0;
      });
    }
    rows = Int32Array.from(out);
    st.table.rowCount = rows.length;
  }

  function renderTable() {
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    st.table.page = Math.min(st.table.page, pages - 1);
    const start = st.table.page * PAGE_SIZE;
    const end = Math.min(rows.length, start + PAGE_SIZE);
    const html = [];
    for (let k = start; k < end; ++k) {
      const i = rows[k];
      const cells = COLUMNS.map((c) => {
        const v = c.get(i);
        const cls = c.key === 'status' ? ` class="status-${v}"` : c.key === 'message' ? ' class="message"' : '';
        return `<td${cls}>${esc(c.numeric && v !== '' ? fmt(v) : v)}</td>`;
      });
      html.push(`<tr data-finding="${i}"${F.site[i] >= 0 ? ' class="has-site"' : ''}>${cells.join('')}</tr>`);
    }
    $('findings-table').querySelector('tbody').innerHTML = html.join('');
    st.table.shownRows = end - start;
    $('t-count').textContent = `${fmt(rows.length)} of ${fmt(nFindings)} findings match`;
    $('t-page').textContent = rows.length ? `rows ${fmt(start + 1)}–${fmt(end)} of ${fmt(rows.length)}` : 'no rows';
    $('t-prev').disabled = st.table.page === 0;
    $('t-next').disabled = st.table.page >= pages - 1;
    document.querySelectorAll('#findings-table th').forEach((th) => {
      th.classList.toggle('sorted', th.dataset.key === st.table.sortKey);
      th.classList.toggle('desc', th.dataset.key === st.table.sortKey && st.table.sortDesc);
    });
  }

  function csvField(v) {
    const s = String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function downloadCsv() {
    const lines = [COLUMNS.map((c) => c.key === 'rule' ? 'rule_id' : c.key === 'element' ? 'element_id'
      : c.key === 'site' ? 'site_id' : c.key === 'zone' ? 'zone_id' : c.key).join(',')];
    for (const i of rows) lines.push(COLUMNS.map((c) => csvField(c.get(i))).join(','));
    const blob = new Blob([lines.join('\n') + '\n'], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'ringfence-findings.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  function setupTable() {
    const head = $('findings-table').querySelector('thead tr');
    head.innerHTML = COLUMNS.map((c) => `<th data-key="${c.key}">${esc(c.label)}</th>`).join('');
    head.addEventListener('click', (e) => {
      const th = e.target.closest('th');
      if (!th) return;
      if (st.table.sortKey === th.dataset.key) st.table.sortDesc = !st.table.sortDesc;
      else {
        st.table.sortKey = th.dataset.key;
        st.table.sortDesc = false;
      }
      st.table.page = 0;
      computeRows();
      renderTable();
    });
    $('t-search').addEventListener('input', debounce(() => {
      st.filters.q = $('t-search').value;
      st.table.page = 0;
      computeRows();
      renderTable();
    }, 150));
    $('t-prev').addEventListener('click', () => {
      st.table.page = Math.max(0, st.table.page - 1);
      renderTable();
    });
    $('t-next').addEventListener('click', () => {
      st.table.page += 1;
      renderTable();
    });
    $('t-csv').addEventListener('click', downloadCsv);
    $('findings-table').querySelector('tbody').addEventListener('click', (e) => {
      const tr = e.target.closest('tr');
      if (!tr) return;
      const s = F.site[Number(tr.dataset.finding)];
      if (s >= 0) focusSite(s);
    });
  }

  // ---------------------------------------------------------------- serve mode
  function setupEditor() {
    if (data.mode !== 'serve') return;
    $('editor-panel').hidden = false;
    const status = $('e-status');
    let policies = [];
    fetch('api/policies').then((r) => r.json()).then((body) => {
      policies = body.policies || [];
      const sel = $('e-policy');
      policies.forEach((p, i) => sel.appendChild(option(i, `${p.id} (${p.origin})`)));
      if (policies.length) $('e-text').value = policies[0].toml;
      sel.addEventListener('change', () => {
        $('e-text').value = policies[Number(sel.value)].toml;
      });
    }).catch((e) => {
      status.textContent = 'cannot load the policies: ' + e;
    });
    $('e-evaluate').addEventListener('click', async () => {
      status.classList.remove('error');
      status.textContent = 'evaluating …';
      try {
        const r = await fetch('api/evaluate', { method: 'POST', body: $('e-text').value,
          headers: { 'Content-Type': 'application/toml' } });
        const body = await r.json();
        if (!r.ok) {
          status.classList.add('error');
          status.textContent = body.error || ('HTTP ' + r.status);
          return;
        }
        status.textContent = `${fmt(body.summary.findings)} findings, ${fmt(body.summary.overdue)} overdue; reloading …`;
        location.reload();
      } catch (e) {
        status.classList.add('error');
        status.textContent = String(e);
      }
    });
  }

  // ---------------------------------------------------------------- wiring
  function refresh() {
    computeFilters();
    renderMap();
    renderRulesChart();
    st.table.page = 0;
    computeRows();
    renderTable();
  }

  function main() {
    renderHeader();
    setupFilters();
    setupMap();
    setupTable();
    computeFilters();
    renderShareChart();
    renderDeadlineChart();
    renderPlanChart();
    refresh();
    setupEditor();
    window.addEventListener('resize', debounce(() => {
      if (mapChart) mapChart.resize();
      Object.values(charts).forEach((c) => c.resize());
      renderMap();
    }, 150));
    st.ready = true;
  }

  try {
    main();
  } catch (e) {
    st.errors.push(String(e && e.stack ? e.stack : e));
    throw e;
  }
}
})();
