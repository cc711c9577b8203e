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
    window.ringfenceDataReady = Promise.resolve(embedded);
    start(embedded);
    return;
  }
  // Shared with the other scripts of the page (blast.js), so the data is fetched once.
  window.ringfenceDataReady = fetch(embedded.data_url, { credentials: 'same-origin' })
    .then((r) => {
      if (!r.ok) throw new Error('cannot load the report data: HTTP ' + r.status);
      return r.json();
    });
  window.ringfenceDataReady.then(start).catch((e) => {
    document.body.insertAdjacentText('afterbegin', String(e));
    throw e;
  });

// The page, drawn from the report data.
function start(data) {

  const AGGREGATE_ABOVE = 6000; // visible sites above which the map draws clusters
  const CLUSTER_PX = 44; // a cluster gathers the sites in a square this wide on screen
  const CLUSTER_MIN_R = 6; // cluster radius (px) of the fewest sites ...
  const CLUSTER_MAX_R = 19; // ... and of the most
  const PAGE_SIZE = 100;
  const PALETTE = ['#4e79a7', '#59a14f', '#b07aa1', '#17becf', '#9c755f', '#3d3d9e', '#76b7b2',
    '#1b9e77', '#ff9da7', '#66a61e', '#a6761d', '#7570b3', '#e7298a', '#6b6ecf', '#8c564b',
    '#b5cf6b', '#393b79', '#bab0ac'];
  const NO_VENDOR = '#9aa0a6';
  // The terms of the trade as the bundle and the policies write them (domains,
  // network functions, technologies), explained in tooltips and in the glossary panel.
  const GLOSSARY = {
    ran: 'RAN: radio access network, the base stations and antennas that phones connect to',
    transport: 'Transport: the routers and links (backhaul) between the sites and the core',
    core: 'Core: the central network functions (subscribers, sessions, the way out to the internet)',
    oss: 'OSS: operations support systems, the software that manages and monitors the network',
    other: 'Other: equipment outside the four domains',
    enb: 'eNB (eNodeB): a 4G (LTE) base station',
    gnb: 'gNB (gNodeB): a 5G (NR) base station',
    nr: 'NR: New Radio, the 5G radio technology',
    lte: 'LTE: Long Term Evolution, the 4G radio technology',
    mme: 'MME: mobility management entity, the 4G core function that tracks and admits phones',
    sgw: 'SGW: serving gateway, the 4G core function that carries user traffic from the base stations',
    pgw: 'PGW: packet data network gateway, the 4G core function facing the internet',
    hss: 'HSS: home subscriber server, the 4G subscriber database',
    pcrf: 'PCRF: policy and charging rules function (4G core)',
    amf: 'AMF: access and mobility management function, the 5G core function that admits phones',
    smf: 'SMF: session management function (5G core)',
    upf: 'UPF: user plane function, the 5G core function that carries the subscribers\' data',
    udm: 'UDM: unified data management, the 5G subscriber database',
    udr: 'UDR: unified data repository (5G core)',
    ausf: 'AUSF: authentication server function (5G core)',
    nrf: 'NRF: network repository function (5G core)',
    nssf: 'NSSF: network slice selection function (5G core)',
    pcf: 'PCF: policy control function (5G core)',
    nef: 'NEF: network exposure function (5G core)',
    ems: 'EMS: element management system, the vendor\'s software that configures its equipment',
    nms: 'NMS: network management system, the operator\'s view over all equipment',
    hhi: 'HHI: Herfindahl–Hirschman index, the sum of the squared vendor shares in percent ' +
      '(10,000: a single vendor; under 1,500 usually read as unconcentrated)',
  };
  const TERM_RE = new RegExp('\\b(' + Object.keys(GLOSSARY).filter((t) => t !== 'other').join('|') +
    ')\\b', 'gi');
  // The explanations of the terms a text uses, one per line ('' when none).
  function termsIn(text) {
    const found = new Set((String(text).match(TERM_RE) || []).map((t) => t.toLowerCase()));
    return Array.from(found).map((t) => GLOSSARY[t]).join('\n');
  }
  const OVERDUE = '#d7191c';
  const DUE = '#f08a00';

  const st = {
    ready: false,
    errors: [],
    map: { renderedSites: 0, marks: 0, aggregated: false, clusters: 0, findingSites: 0,
      findingMarks: 0, matchingSites: 0, zones: 0 },
    table: { rowCount: 0, shownRows: 0, page: 0, sortKey: null, sortDesc: false },
    filters: { operator: -1, vendor: -1, domain: -1, rule: -1, status: '', onlyFindings: false,
      q: '' },
    colourBy: 'vendor', // or 'plan': the month of each site's visit
    plan: { state: 'none', sites: 0, deadlines: 0, missed: 0, months: 0, cost: 0 },
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
    get colourBy() { return st.colourBy; },
    get plan() { return Object.assign({}, st.plan); },
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
  // "1 site", "2 sites"
  const plural = (n, noun, many) => `${fmt(n)} ${n === 1 ? noun : many || noun + 's'}`;
  // 950, 1.2k, 15k
  const compact = (n) => (n < 1000 ? String(n) : n < 10000 ? (n / 1000).toFixed(1) + 'k'
    : Math.round(n / 1000) + 'k');
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
    const one = (n, label, single) => [n === 1 ? single : label, n];
    const cards = [one(sm.sites, 'sites', 'site'), one(sm.elements, 'elements', 'element'),
      one(sm.zones, 'zones', 'zone'), one(sm.findings, 'findings', 'finding'),
      ['overdue', sm.overdue], ['due', sm.due],
      one(sm.sites_with_findings, 'sites with findings', 'site with findings')];
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

  function renderGlossary() {
    $('glossary').innerHTML = Object.entries(GLOSSARY).map(([term, text]) => {
      const colon = text.indexOf(': ');
      return `<dt data-term="${esc(term)}">${esc(text.slice(0, colon))}</dt>` +
        `<dd>${esc(text.slice(colon + 2))}</dd>`;
    }).join('');
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

  // What the map colours sites by: classes 0..n-1, the last one "none" (grey).
  // By vendor: one class per vendor; by plan: the visit month, in at most
  // PLAN_BINS bins of consecutive months, then "beyond the horizon", then "not visited".
  const PLAN_BINS = 8;
  const PLAN_COLOURS = ['#1a9850', '#66bd63', '#a6d96a', '#d9ef8b', '#fee08b', '#fdae61',
    '#f46d43', '#a50026'];
  const BEYOND = '#3b3b3b';
  function planBinning() {
    const plan = data.plan;
    const months = plan.month_labels.length;
    const per = Math.max(1, Math.ceil(months / PLAN_BINS));
    const bins = Math.ceil(months / per);
    const names = [];
    for (let b = 0; b < bins; ++b) {
      const first = plan.month_labels[b * per];
      const last = plan.month_labels[Math.min(months, (b + 1) * per) - 1];
      names.push(first === last ? first : `${first} to ${last}`);
    }
    return { per, bins, names, horizon: plan.horizon_months };
  }
  let binning = null;
  const colouring = {
    classes() {
      return st.colourBy === 'plan' ? binning.bins + 2 : data.vendors.length + 1;
    },
    classOf(s) {
      if (st.colourBy === 'plan') {
        const m = data.plan.site_month[s];
        if (m < 0) return binning.bins + 1;
        if (m >= binning.horizon) return binning.bins;
        return Math.min(binning.bins - 1, Math.floor(m / binning.per));
      }
      const v = siteColourVendor(s);
      return v < 0 ? data.vendors.length : v;
    },
    colour(c) {
      if (st.colourBy === 'plan')
        return c === binning.bins + 1 ? NO_VENDOR : c === binning.bins ? BEYOND
          : PLAN_COLOURS[Math.round((c * (PLAN_COLOURS.length - 1)) / Math.max(1, binning.bins - 1))];
      return c === data.vendors.length ? NO_VENDOR : vendorColor(c);
    },
    name(c) {
      if (st.colourBy === 'plan')
        return c === binning.bins + 1 ? 'not visited' : c === binning.bins ? 'beyond the horizon'
          : 'visited ' + binning.names[c];
      return c === data.vendors.length ? '(no equipment)' : data.vendors[c];
    },
  };

  function setupFilters() {
    const fill = (id, names) => {
      const sel = $(id);
      sel.appendChild(option(-1, 'all'));
      names.forEach((n, i) => sel.appendChild(option(i, n)));
    };
    fill('f-operator', data.operators);
    fill('f-vendor', data.vendors);
    fill('f-domain', data.domains);
    $('f-domain').querySelectorAll('option').forEach((o) => {
      const t = GLOSSARY[o.textContent];
      if (t) o.title = t;
    });
    $('f-domain').title = data.domains.map((d) => GLOSSARY[d]).filter(Boolean).join('\n');
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
  let clusters = []; // drawn when aggregated (buildClusters)
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
    mapChart.getZr().on('click', (e) => {
      if (st.map.aggregated) clusterAt(e.offsetX, e.offsetY);
      else showSiteAt(e.offsetX, e.offsetY);
    });
    renderLegend();
  }

  // False while the map's geo component has no layout (ECharts answers null between
  // an update and its layout, as when a chart redraws while the page is busy).
  function updateProjection() {
    const x0 = bbox[0];
    const y0 = bbox[1];
    const x1 = bbox[2];
    const y1 = bbox[3];
    const a = mapChart.convertToPixel({ geoIndex: 0 }, [x0, y0]);
    const b = mapChart.convertToPixel({ geoIndex: 0 }, [x1, y1]);
    if (!a || !b) return false;
    const kx = (b[0] - a[0]) / (x1 - x0);
    const ky = (b[1] - a[1]) / (y1 - y0);
    px = [a[0] - kx * x0, kx, a[1] - ky * y0, ky];
    return true;
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
  // when more than AGGREGATE_ABOVE are in view, one cluster per CLUSTER_PX square of
  // the screen (see clusterSeries).
  function renderMap() {
    if (!mapChart) return;
    if (!updateProjection()) {
      setTimeout(renderMap, 50);  // drawn once the map is laid out
      return;
    }
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
    const aggregated = n > AGGREGATE_ABOVE;
    const series = [zoneSeries()];
    let marks = 0;
    let findingSites = 0;
    let findingMarks = 0;
    clusters = [];
    if (!aggregated) {
      const nC = colouring.classes();
      const byClass = Array.from({ length: nC }, () => []);
      const rings = [[], []]; // due, overdue
      for (let i = 0; i < n; ++i) {
        const s = visible[i];
        byClass[colouring.classOf(s)].push([S.lon[s], S.lat[s]]);
        if (siteStatus[s]) {
          rings[siteStatus[s] - 1].push([S.lon[s], S.lat[s]]);
          ++findingSites;
        }
      }
      marks = n;
      findingMarks = rings[0].length + rings[1].length;
      byClass.forEach((points, c) => {
        series.push(scatter(st.colourBy + '-' + c, colouring.name(c), points,
          { color: colouring.colour(c), opacity: 0.85 }, 5, 4));
      });
      series.push(scatter('findings-due', 'due findings', rings[0],
        { color: 'rgba(0,0,0,0)', borderColor: DUE, borderWidth: 1.5 }, 9, 5));
      series.push(scatter('findings-overdue', 'overdue findings', rings[1],
        { color: 'rgba(0,0,0,0)', borderColor: OVERDUE, borderWidth: 1.5 }, 9, 6));
    } else {
      clusters = buildClusters(n, pad);
      for (const c of clusters) {
        findingSites += c.due + c.overdue;
        if (c.due + c.overdue) ++findingMarks;
      }
      marks = clusters.length;
      series.push(clusterSeries(clusters));
    }
    mapChart.setOption({ series }, { replaceMerge: ['series'] });
    st.map = {
      renderedSites: n,
      marks,
      aggregated,
      clusters: clusters.length,
      findingSites,
      findingMarks,
      matchingSites: matching,
      zones: data.zones.length,
    };
    $('map-status').textContent = `${plural(n, 'site')} in view of ${fmt(matching)} matching` +
      (aggregated ? `, grouped in ${plural(marks, 'cluster')} (zoom in or click one for single sites)`
        : '') + `; ${fmt(findingSites)} with findings`;
  }

  // Clusters of the n visible sites: one per CLUSTER_PX square of the screen, placed
  // at the mean position of its sites, with its sites counted per colouring vendor
  // and per worst finding status.
  function buildClusters(n, pad) {
    const nV = colouring.classes();
    const cols = Math.ceil((mapChart.getWidth() + 2 * pad) / CLUSTER_PX) + 1;
    const cellOf = new Map();
    const out = [];
    for (let i = 0; i < n; ++i) {
      const s = visible[i];
      const x = px[0] + px[1] * S.lon[s];
      const y = px[2] + px[3] * S.lat[s];
      const key = Math.floor((y + pad) / CLUSTER_PX) * cols + Math.floor((x + pad) / CLUSTER_PX);
      let c = cellOf.get(key);
      if (c === undefined) {
        c = { sites: 0, sx: 0, sy: 0, vendors: new Int32Array(nV), due: 0, overdue: 0, first: s };
        cellOf.set(key, c);
        out.push(c);
      }
      c.sites++;
      c.sx += x;
      c.sy += y;
      c.vendors[colouring.classOf(s)]++;
      if (siteStatus[s] === 1) c.due++;
      else if (siteStatus[s] === 2) c.overdue++;
    }
    // Largest first, a cluster whose circle would mostly overlap one already placed
    // joins it, so no cluster hides another.
    const most = out.reduce((m, c) => Math.max(m, c.sites), 1);
    out.sort((a, b) => b.sites - a.sites);
    const kept = [];
    for (const c of out) {
      const x = c.sx / c.sites;
      const y = c.sy / c.sites;
      const r = clusterRadius(c.sites, most);
      const host = kept.find((k) => Math.hypot(k.sx / k.sites - x, k.sy / k.sites - y) <
        0.7 * (clusterRadius(k.sites, most) + r));
      if (!host) {
        kept.push(c);
        continue;
      }
      host.sites += c.sites;
      host.sx += c.sx;
      host.sy += c.sy;
      host.due += c.due;
      host.overdue += c.overdue;
      for (let v = 0; v < nV; ++v) host.vendors[v] += c.vendors[v];
    }
    const largest = kept.reduce((m, c) => Math.max(m, c.sites), 1);
    for (const c of kept) {
      c.x = c.sx / c.sites;
      c.y = c.sy / c.sites;
      c.r = clusterRadius(c.sites, largest);
      c.centre = [toLon(c.x), toLat(c.y)];
    }
    return kept;
  }

  // The radius in pixels of a cluster of `sites` sites when the largest has `most`:
  // between CLUSTER_MIN_R and CLUSTER_MAX_R, growing with the logarithm of the sites so
  // that mid-sized clusters stay large enough to carry their number.
  function clusterRadius(sites, most) {
    return CLUSTER_MIN_R + (CLUSTER_MAX_R - CLUSTER_MIN_R) * Math.log1p(sites) / Math.log1p(most);
  }

  // A cluster is a pie of its sites' vendors (area grows with the number of sites,
  // which is written inside), ringed by the share of its sites with overdue (red) and
  // due (orange) findings. Zones stay visible above the clusters.
  function clusterSeries(list) {
    const nV = colouring.classes();
    return {
      id: 'clusters',
      name: 'clusters',
      type: 'custom',
      coordinateSystem: 'geo',
      z: 2,
      data: list.map((c) => ({ value: [c.centre[0], c.centre[1], c.sites] })),
      tooltip: {
        formatter: (p) => {
          const c = list[p.dataIndex];
          const shares = [];
          for (let v = 0; v < nV; ++v) {
            if (!c.vendors[v]) continue;
            shares.push([c.vendors[v], `<span style="color:${colouring.colour(v)}">` +
              `\u25CF</span> ${esc(colouring.name(v))}: ` +
              `${fmt(c.vendors[v])} (${Math.round((100 * c.vendors[v]) / c.sites)} %)`]);
          }
          shares.sort((a, b) => b[0] - a[0]);
          return `<b>${plural(c.sites, 'site')}</b> (click to zoom in)<br>` +
            shares.map((x) => x[1]).join('<br>') +
            `<br>with overdue findings: ${fmt(c.overdue)}<br>with due findings only: ${fmt(c.due)}`;
        },
      },
      renderItem: (params, api) => {
        const c = list[params.dataIndex];
        const [cx, cy] = api.coord([c.centre[0], c.centre[1]]);
        const r = c.r;
        const children = [];
        let angle = -Math.PI / 2;
        for (let v = 0; v < nV; ++v) {
          if (!c.vendors[v]) continue;
          const sweep = (2 * Math.PI * c.vendors[v]) / c.sites;
          children.push({ type: 'sector', shape: { cx, cy, r, startAngle: angle,
            endAngle: angle + sweep }, style: { fill: colouring.colour(v) } });
          angle += sweep;
        }
        // The ring: a pale track, then overdue and due arcs clockwise from the top.
        const ring = (from, share, colour) => ({ type: 'arc', shape: { cx, cy, r: r + 2.5,
          startAngle: from, endAngle: from + 2 * Math.PI * share },
        style: { stroke: colour, fill: null, lineWidth: 3 } });
        children.push(ring(0, 1, 'rgba(80,80,80,0.25)'));
        const top = -Math.PI / 2;
        const overdueShare = c.overdue / c.sites;
        if (c.overdue) children.push(ring(top, overdueShare, OVERDUE));
        if (c.due) children.push(ring(top + 2 * Math.PI * overdueShare, c.due / c.sites, DUE));
        if (r >= 9)
          children.push({ type: 'text', style: { text: compact(c.sites), x: cx, y: cy,
            align: 'center', verticalAlign: 'middle', fill: '#fff', stroke: 'rgba(0,0,0,0.65)',
            lineWidth: 2.5, font: `bold ${r >= 15 ? 12 : r >= 11 ? 10 : 9}px sans-serif` } });
        return { type: 'group', children };
      },
    };
  }

  // A click at (x, y) on a cluster (its circle or ring, even under a zone) zooms in on it.
  function clusterAt(x, y) {
    const c = clusters.find((k) => Math.hypot(k.x - x, k.y - y) <= k.r + 4);
    if (c) zoomIntoCluster(c);
  }

  // Zooms the map in on a cluster (three times closer, centred on it).
  function zoomIntoCluster(c) {
    const geo = mapChart.getOption().geo[0];
    mapChart.setOption({ geo: { id: 'base', center: c.centre, zoom: (geo.zoom || 1) * 3 } });
    renderMap();
  }

  function renderLegend() {
    const classes = colouring.classes() - (st.colourBy === 'plan' ? 0 : 1);
    const items = [];
    for (let c = 0; c < classes; ++c)
      items.push(`<div class="item"><span class="dot" style="background:${colouring.colour(c)}">` +
        `</span>${esc(colouring.name(c))}</div>`);
    items.push(`<div class="item"><span class="ring" style="border-color:${OVERDUE}"></span>overdue finding</div>`);
    items.push(`<div class="item"><span class="ring" style="border-color:${DUE}"></span>due finding</div>`);
    if (data.zones.length)
      items.push('<div class="item"><span class="zone"></span>zone and rule radius</div>');
    items.push('<p class="cluster-note">Zoomed out, nearby sites are grouped: each circle is a pie ' +
      `of their ${st.colourBy === 'plan' ? 'visit months' : 'vendors'} with the number of sites inside, ringed by the share of its sites with ` +
      `<span style="color:${OVERDUE}">overdue</span> and <span style="color:${DUE}">due</span> ` +
      'findings. Zoom in or click a circle for single sites.</p>');
    $('legend').innerHTML = `<b>${st.colourBy === 'plan' ? 'Plan: month of the visit' : 'Vendors'}</b>` +
      items.join('');
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
      equipment.push(`<span title="${esc(GLOSSARY[data.domains[t[i + 1]]] || '')}">` +
        `${esc(data.vendors[t[i]])} ${esc(data.domains[t[i + 1]])}: ${t[i + 2]}</span>`);
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
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (items) => {
          const g = groups[items[0].dataIndex];
          const lines = items.filter((p) => p.value > 0).map((p) => `${p.marker}${esc(p.seriesName)}: ${p.value} %`);
          return `<b>${esc(g.operator)} · ${esc(g.domain)}</b><br>${lines.join('<br>')}` +
            `<br>HHI ${fmt(Math.round(g.hhi))}` +
            `<div class="tip-terms">${esc(GLOSSARY[g.domain] || '')}<br>${esc(GLOSSARY.hhi)}</div>`;
        },
      },
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

  // The text written beside a deadline bubble: its findings, and how many are overdue
  // when only some are.
  function deadlineLabel(r) {
    if (r.overdue === r.findings) return `${fmt(r.findings)} overdue`;
    if (r.overdue === 0) return `${fmt(r.findings)} due`;
    return `${fmt(r.findings)} (${fmt(r.overdue)} overdue)`;
  }

  // One bubble per operator and deadline (findings in force at once sit on the
  // evaluation date), its area growing with the findings, labelled with the counts so
  // the chart reads without hovering.
  function renderDeadlineChart() {
    const rows = data.timeline;
    if (!rows.length) return emptyChart('chart-deadlines', 'No findings, so no deadlines.');
    const ops = Array.from(new Set(rows.map((r) => r.operator))).sort();
    const size = (n) => Math.max(8, Math.min(46, 5 + Math.sqrt(n) * 1.6));
    const point = (r) => {
      const big = size(r.findings) >= 30;
      return {
        value: [r.deadline || data.at, ops.indexOf(r.operator), r.findings, r.overdue],
        symbolSize: size(r.findings),
        deadline: r.deadline,
        label: { show: true, formatter: deadlineLabel(r) + (r.deadline ? '' : ' at once'),
          position: big ? 'bottom' : 'top', distance: 4, color: '#1d2330', fontSize: 11 },
      };
    };
    chartIn('chart-deadlines').setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => `${esc(ops[p.value[1]])}<br>deadline ${esc(p.data.deadline || 'none (in force at once)')}` +
          `<br>${plural(p.value[2], 'finding')}, ${fmt(p.value[3])} overdue`,
      },
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 34, bottom: 8, containLabel: true },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: ops, boundaryGap: true },
      labelLayout: { moveOverlap: 'shiftY' },
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

  // ---------------------------------------------------------------- plan
  // The remediation plan (data.plan; in serve mode fetched from data.plan_url): site
  // visits per operator and cost month by month with the deadlines on the same axis,
  // the figures, the deadline outcomes, and the map coloured by visit month.
  const money = (plan, v) => `${plan.currency} ${fmt(Math.round(v))}`;

  function renderPlanChart() {
    const plan = data.plan;
    if (!plan) {
      emptyChart('chart-plan', data.plan_url ? 'Planning …'
        : 'No remediation plan in this report: write it with `ringfence report --plan`.');
      return;
    }
    if (!charts['chart-plan']) $('chart-plan').innerHTML = '';
    const labels = plan.month_labels;
    const index = new Map(labels.map((l, i) => [l, i]));
    const ops = plan.operators;
    const sites = ops.map(() => new Array(labels.length).fill(0));
    const cost = new Array(labels.length).fill(0);
    for (const m of plan.months) {
      const i = index.get(m.month);
      const o = ops.indexOf(m.operator);
      if (i === undefined || o < 0) continue;
      sites[o][i] += m.sites;
      cost[i] += m.cost;
    }
    // Deadlines on the month axis: one dashed line per month that has any, red when
    // one of them is missed.
    const byMonth = new Map();
    plan.deadlines.forEach((d, k) => {
      const i = plan.deadline_months[k];
      const e = byMonth.get(i) || { met: 0, missed: 0, rules: [] };
      if (d.met) ++e.met;
      else ++e.missed;
      e.rules.push(`${d.rule_id} (${d.operator}): ${d.met ? 'met' : 'missed'}`);
      byMonth.set(i, e);
    });
    const marks = Array.from(byMonth, ([i, e]) => ({
      xAxis: labels[i],
      lineStyle: { color: e.missed ? OVERDUE : '#1a9850', type: 'dashed', width: 1.5 },
      label: { formatter: e.missed ? `${e.missed} missed` : `${e.met} met`, color: e.missed ? OVERDUE : '#1a7f37' },
      tooltip: { formatter: e.rules.map(esc).join('<br>') },
    }));
    const series = ops.map((op, o) => ({
      name: op, type: 'bar', stack: 'sites', data: sites[o],
    }));
    series.push({
      name: 'cost', type: 'line', yAxisIndex: 1, symbol: 'none', data: cost,
      lineStyle: { color: '#555' }, itemStyle: { color: '#555' },
      markLine: { symbol: 'none', silent: false, data: marks },
    });
    chartIn('chart-plan').setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(Math.round(v)) },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: [{ type: 'value', name: 'site visits' },
        { type: 'value', name: `cost (${plan.currency})`, splitLine: { show: false } }],
      series,
    }, { notMerge: true });
  }

  function renderPlanInfo() {
    const plan = data.plan;
    const info = $('plan-info');
    const body = $('plan-deadlines').querySelector('tbody');
    if (!plan) {
      info.textContent = '';
      body.innerHTML = '';
      $('plan-deadlines-wrap').hidden = true;
      return;
    }
    const sm = plan.summary;
    const missed = plan.deadlines.filter((d) => !d.met).length;
    const solver = plan.solver.name === 'cbc'
      ? (plan.solver.optimal ? 'exact (CBC), proven optimal'
        : plan.solver.gap === null ? 'exact (CBC), no proven gap'
          : `exact (CBC), proven gap ${(100 * plan.solver.gap).toFixed(2)} %`)
      : 'heuristic';
    const rows = [
      ['from', plan.start.slice(0, 7)],
      ['total cost', money(plan, sm.cost)],
      ['site visits', fmt(sm.sites)],
      ['elements swapped', fmt(sm.elements)],
      ['months to comply', fmt(sm.months_to_comply)],
      ['deadlines', missed ? `${fmt(missed)} of ${fmt(plan.deadlines.length)} missed`
        : `all ${fmt(plan.deadlines.length)} met`],
      ['crews', plan.operators.map((op, i) => `${op} ${plan.crews[i]}`).join(', ')],
      ['solver', solver],
    ];
    if (plan.evidence) rows.push(['evidence bought', plural(plan.evidence, 'model')]);
    if (plan.not_remedied) rows.push(['not remedied', plural(plan.not_remedied, 'finding')]);
    info.innerHTML = '<dl>' + rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('') +
      '</dl>' + (plan.solver.note ? `<p class="muted">${esc(plan.solver.note)}</p>` : '');
    body.innerHTML = plan.deadlines.map((d) => {
      const outcome = d.met ? 'met'
        : `missed: ${fmt(d.units_late)} late, up to ${plural(d.months_late, 'month')}` +
          (d.done_in_horizon ? '' : ' (not done within the horizon)');
      const crews = d.crews_needed ? `${d.crews} (${d.crews_needed} would meet it)` : String(d.crews);
      return `<tr><td>${esc(d.deadline || 'at once')}</td><td>${esc(d.rule_id)}</td>` +
        `<td>${esc(d.operator)}</td><td>${fmt(d.units)}</td>` +
        `<td class="${d.met ? 'met' : 'missed'}">${esc(outcome)}</td><td>${esc(crews)}</td></tr>`;
    }).join('');
    $('plan-deadlines-wrap').hidden = plan.deadlines.length === 0;
  }

  function crewsText(plan) {
    const distinct = new Set(plan.crews);
    if (distinct.size <= 1) return String(plan.crews[0] || 1);
    return plan.operators.map((op, i) => `${op}=${plan.crews[i]}`).join(', ');
  }

  // "3" -> {crews: 3}; "KT=2, *=1" -> {crews: {KT: 2, "*": 1}}; null when malformed.
  function parseCrews(text) {
    const t = text.trim();
    if (/^\d+$/.test(t)) return { crews: Number(t) };
    const crews = {};
    for (const part of t.split(',')) {
      const m = /^\s*(.+?)\s*=\s*(\d+)\s*$/.exec(part);
      if (!m) return null;
      crews[m[1]] = Number(m[2]);
    }
    return { crews };
  }

  // Sets the plan shown (from the data, or as fetched in serve mode).
  function showPlan(plan) {
    data.plan = plan;
    binning = plan ? planBinning() : null;
    $('map-colour-wrap').hidden = !plan;
    if (!plan && st.colourBy === 'plan') st.colourBy = 'vendor';
    const missed = plan ? plan.deadlines.filter((d) => !d.met).length : 0;
    st.plan = plan ? { state: 'ready', sites: plan.summary.sites, deadlines: plan.deadlines.length,
      missed, months: plan.month_labels.length, cost: plan.summary.cost }
      : { state: data.plan_url ? st.plan.state : 'none', sites: 0, deadlines: 0, missed: 0, months: 0,
        cost: 0 };
    renderPlanChart();
    renderPlanInfo();
    if (plan && data.plan_url && document.activeElement !== $('p-crews'))
      $('p-crews').value = crewsText(plan);
    if (st.colourBy === 'plan') {
      renderLegend();
      renderMap();
    }
  }

  async function fetchPlan() {
    const status = $('p-status');
    status.classList.remove('error');
    status.textContent = 'planning …';
    st.plan = Object.assign({}, st.plan, { state: 'planning' });
    try {
      const r = await fetch(data.plan_url, { credentials: 'same-origin' });
      const body = await r.json();
      if (!r.ok) throw new Error(body.error || 'HTTP ' + r.status);
      status.textContent = '';
      showPlan(body);
    } catch (e) {
      st.plan = Object.assign({}, st.plan, { state: 'error' });
      status.classList.add('error');
      status.textContent = 'cannot plan: ' + (e.message || e);
      emptyChart('chart-plan', 'No plan: ' + (e.message || e));
    }
  }

  function setupPlan() {
    $('map-colour').addEventListener('change', () => {
      st.colourBy = $('map-colour').value === 'plan' && data.plan ? 'plan' : 'vendor';
      renderLegend();
      renderMap();
    });
    showPlan(data.plan || null);
    if (data.mode !== 'serve' || !data.plan_url) return;
    $('p-crews-edit').hidden = false;
    $('p-replan').addEventListener('click', async () => {
      const status = $('p-status');
      const body = parseCrews($('p-crews').value);
      status.classList.remove('error');
      if (!body) {
        status.classList.add('error');
        status.textContent = 'crews: a number, or OPERATOR=N pairs separated by commas (* for the others)';
        return;
      }
      try {
        const r = await fetch('api/crews', { method: 'POST', body: JSON.stringify(body),
          headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin' });
        const answer = await r.json();
        if (!r.ok) throw new Error(answer.error || 'HTTP ' + r.status);
      } catch (e) {
        status.classList.add('error');
        status.textContent = String(e.message || e);
        return;
      }
      await fetchPlan();
    });
    fetchPlan();
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
        const terms = c.key === 'domain' ? GLOSSARY[v] || '' : c.key === 'message' ? termsIn(v) : '';
        const title = terms ? ` title="${esc(terms)}"` : '';
        return `<td${cls}${title}>${esc(c.numeric && v !== '' ? fmt(v) : v)}</td>`;
      });
      html.push(`<tr data-finding="${i}"${F.site[i] >= 0 ? ' class="has-site"' : ''}>${cells.join('')}</tr>`);
    }
    $('findings-table').querySelector('tbody').innerHTML = html.join('');
    st.table.shownRows = end - start;
    $('t-count').textContent = `${fmt(rows.length)} of ${plural(nFindings, 'finding')} match`;
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
        status.textContent = `${plural(body.summary.findings, 'finding')}, ${fmt(body.summary.overdue)} overdue; reloading …`;
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
    renderGlossary();
    setupFilters();
    setupMap();
    setupTable();
    computeFilters();
    renderShareChart();
    renderDeadlineChart();
    setupPlan();
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
