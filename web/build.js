#!/usr/bin/env node
// Builds the report template: src/report.html with its style, its script, the
// libraries (Apache ECharts, topojson-client) and the base map (Natural Earth
// countries at 1:50m, from world-atlas) inlined, so the report needs no network.
// The C++ side replaces the data marker with the report data.
//
//   node build.js --modules DIR/node_modules --out FILE
'use strict';
const fs = require('fs');
const path = require('path');

const MARKER = '@@RINGFENCE_REPORT_DATA@@';

function parseArgs(argv) {
  const args = { modules: path.join(__dirname, 'node_modules'), out: null };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${key} needs a value`);
    if (key === '--modules') args.modules = path.resolve(value);
    else if (key === '--out') args.out = path.resolve(value);
    else throw new Error(`unknown option ${key} (expected --modules DIR or --out FILE)`);
  }
  if (!args.out) throw new Error('--out FILE is required');
  return args;
}

function read(file) {
  return fs.readFileSync(file, 'utf8');
}

// Text placed inside <script> must not close the element early.
function scriptSafe(text, name) {
  const safe = text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  if (/<\/script/i.test(safe)) throw new Error(`${name}: cannot inline safely`);
  return safe;
}

// JSON inside <script type="application/json">: '<' only occurs in strings, where
// \u003c reads the same.
function jsonSafe(text) {
  return text.replace(/</g, '\\u003c');
}

function main() {
  const args = parseArgs(process.argv);
  const src = path.join(__dirname, 'src');
  const mod = (...p) => path.join(args.modules, ...p);
  const pieces = {
    css: `<style>\n${read(path.join(src, 'report.css'))}</style>`,
    libraries:
      `<script>${scriptSafe(read(mod('echarts', 'dist', 'echarts.min.js')), 'echarts')}</script>\n` +
      `<script>${scriptSafe(read(mod('topojson-client', 'dist', 'topojson-client.min.js')), 'topojson-client')}</script>`,
    world: `<script type="application/json" id="ringfence-world">${jsonSafe(
      JSON.stringify(JSON.parse(read(mod('world-atlas', 'countries-50m.json')))))}</script>`,
    app: `<script>\n${scriptSafe(read(path.join(src, 'report.js')), 'report.js')}</script>`,
    blast: `<script>\n${scriptSafe(read(path.join(src, 'blast.js')), 'blast.js')}</script>`,
  };
  let html = read(path.join(src, 'report.html'));
  for (const [name, text] of Object.entries(pieces)) {
    const slot = `<!--inline:${name}-->`;
    if (html.split(slot).length !== 2) throw new Error(`report.html must hold ${slot} once`);
    html = html.split(slot).join(text);
  }
  if (html.split(MARKER).length !== 2)
    throw new Error(`the template must hold the data marker ${MARKER} exactly once`);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  const tmp = `${args.out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, html);
  fs.renameSync(tmp, args.out);
  console.log(`wrote ${args.out} (${(html.length / 1e6).toFixed(2)} MB)`);
}

try {
  main();
} catch (e) {
  console.error(`web/build.js: ${e.message}`);
  process.exit(1);
}
