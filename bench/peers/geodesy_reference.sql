-- Reference distances for tests/unit/geodesy_reference_test.cpp, computed with PostGIS
-- geography on the WGS84 spheroid (ST_Distance(a, b, true)). Run through
-- geodesy_reference.sh. A sector is drawn as a polygon: the site, its arc as one
-- point every 0.01 degree of bearing (ST_Project on the spheroid; the chord then lies
-- within range * (1 - cos(0.005 deg)), 0.03 mm at 7 km, of the arc), the site again.
\pset footer off
\pset tuples_only on
\pset format unaligned
\pset fieldsep ' '
CREATE TEMP TABLE zone (name text PRIMARY KEY, g geography);
INSERT INTO zone VALUES
  ('point', 'SRID=4326;POINT(127.0286 37.2636)'),
  ('long-edges', 'SRID=4326;POLYGON((126 37.5, 127 37.5, 127 37.8, 126 37.8, 126 37.5))'),
  ('flat-north', 'SRID=4326;POLYGON((126.95 37.0658, 127.05 37.0658, 127.05 37.1, 126.95 37.1, 126.95 37.0658))'),
  ('east-point', 'SRID=4326;POINT(127.0513 36.9612)'),
  ('square-ne', 'SRID=4326;POLYGON((127.04 37.04, 127.08 37.04, 127.08 37.08, 127.04 37.08, 127.04 37.04))');

CREATE FUNCTION sector(lon float8, lat float8, azimuth float8, beamwidth float8, range_m float8)
RETURNS geography LANGUAGE sql AS $$
  SELECT ST_MakePolygon(ST_MakeLine(ARRAY[ST_SetSRID(ST_MakePoint(lon, lat), 4326)] ||
    ARRAY(SELECT ST_Project(ST_MakePoint(lon, lat)::geography, range_m,
                            radians(azimuth - beamwidth / 2 + k * 0.01))::geometry
          FROM generate_series(0, round(beamwidth / 0.01)::int) AS k ORDER BY k) ||
    ARRAY[ST_SetSRID(ST_MakePoint(lon, lat), 4326)]))::geography
$$;

SELECT 'site', name, lon, lat, round(ST_Distance(ST_MakePoint(lon, lat)::geography, g, true)::numeric, 4)
FROM (VALUES ('point', 126.9780, 37.5665),
             ('long-edges', 126.5, 37.50045),   -- south of the geodesic southern edge
             ('long-edges', 126.5, 37.499),
             ('long-edges', 126.5, 37.8005),    -- north of lat 37.8 but inside
             ('long-edges', 127.034, 37.65),
             ('long-edges', 125.9, 37.81)) AS t(name, lon, lat)
JOIN zone USING (name);

SELECT 'sector', name, lon, lat, azimuth, beamwidth, range_m,
       round(ST_Distance(sector(lon, lat, azimuth, beamwidth, range_m), g, true)::numeric, 4)
FROM (VALUES ('flat-north', 127.0, 37.0, 0.0, 65.0, 7000.0),
             ('flat-north', 127.0, 37.0, 20.0, 120.0, 7000.0),
             ('east-point', 127.0, 37.0, 90.0, 60.0, 3000.0),
             ('square-ne', 127.0, 37.0, 0.0, 30.0, 4000.0),
             ('square-ne', 127.0, 37.0, 45.0, 10.0, 5000.0)) AS t(name, lon, lat, azimuth, beamwidth, range_m)
JOIN zone USING (name);
