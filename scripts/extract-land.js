#!/usr/bin/env node
// Writes the land masks that `ringfence generate` keeps its sites inside:
// data/land/<CC>.geojson, one MultiPolygon feature per country (KR, GB, DE, AU, CA).
//
// Source: Natural Earth 1:10m Admin 0 countries (public domain), as packaged in the
// npm package world-atlas 2.0.2 (countries-10m.json, TopoJSON), converted with
// topojson-client. Both packages are already pinned in web/package-lock.json, so the
// web build's node_modules serves:
//   node scripts/extract-land.js build/web/node_modules data/land
// Coordinates are rounded to 5 decimals (about 1 m), as the generator writes sites.
'use strict';

const fs = require('fs');
const path = require('path');

// ISO 3166 numeric codes, which world-atlas uses as feature ids.
const COUNTRIES = { KR: '410', GB: '826', DE: '276', AU: '036', CA: '124' };

const [modules, outDir] = process.argv.slice(2);
if (!modules || !outDir) {
  console.error('usage: extract-land.js NODE_MODULES_DIR OUT_DIR');
  process.exit(2);
}
const topojson = require(path.resolve(modules, 'topojson-client'));
const topology = JSON.parse(
  fs.readFileSync(path.resolve(modules, 'world-atlas', 'countries-10m.json'), 'utf8'));
const countries = topojson.feature(topology, topology.objects.countries).features;

const round = (x) => Math.round(x * 1e5) / 1e5;
const roundRing = (ring) => ring.map(([lon, lat]) => [round(lon), round(lat)]);

for (const [code, id] of Object.entries(COUNTRIES)) {
  const country = countries.find((f) => f.id === id);
  if (!country) throw new Error(`world-atlas has no country ${id} (${code})`);
  const g = country.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const feature = {
    type: 'Feature',
    properties: {
      zone_id: `${code}-land`,
      name: country.properties.name,
      category: 'land',
      source: 'Natural Earth 1:10m Admin 0 countries (public domain), via world-atlas 2.0.2',
    },
    geometry: { type: 'MultiPolygon', coordinates: polygons.map((p) => p.map(roundRing)) },
  };
  const text = JSON.stringify({ type: 'FeatureCollection', features: [feature] }) + '\n';
  fs.writeFileSync(path.join(outDir, `${code}.geojson`), text);
  const vertices = polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  console.log(`${code}: ${polygons.length} polygons, ${vertices} vertices, ${text.length} bytes`);
}
