-- The default indicators of shared/DATA_MODEL.md and the quartic KDE at the cell centres, in PostGIS SQL.
-- Placeholders (filled in by postgis_vs_riskmap.sh): :REF reference date, :START reference date minus
-- 3 years, :RISKY the risky SBI prefixes as 'p%' literals, :H the KDE bandwidth in metres.
\pset format unaligned
\pset tuples_only on
SELECT clock_timestamp() AS t0 \gset
-- Helpers an expert would build: points on surface of the panden, the dissolved business parks
-- (overlaps must not count twice), the panden at an address whose farm registration ended.
CREATE TEMP TABLE panden_pos AS
  SELECT fid, pand_id, status, coalesce(gebruiksdoel, '') AS doel, coalesce(oppervlakte, ST_Area(geom)) AS opp,
         ST_PointOnSurface(geom) AS pos
  FROM panden;
CREATE INDEX ON panden_pos USING gist (pos);
CREATE TEMP TABLE bt_union AS SELECT (ST_Dump(ST_Union(geom))).geom AS geom FROM bedrijventerreinen;
CREATE INDEX ON bt_union USING gist (geom);
CREATE TEMP TABLE vab_panden AS
  SELECT DISTINCT a.pand_id FROM verblijfsobjecten a
  JOIN vestigingen v ON upper(replace(v.postcode, ' ', '')) = upper(replace(a.postcode, ' ', ''))
   AND v.huisnummer = a.huisnummer AND upper(coalesce(v.huisletter, '')) = upper(coalesce(a.huisletter, ''))
   AND upper(coalesce(v.toevoeging, '')) = upper(coalesce(a.toevoeging, ''))
  WHERE replace(v.sbi_code, '.', '') LIKE '01%' AND v.datum_uitschrijving > :START AND v.datum_uitschrijving <= :REF
    AND a.pand_id IS NOT NULL;
CREATE TEMP TABLE vest_actief AS
  SELECT fid, geom, replace(coalesce(sbi_code, ''), '.', '') AS sbi,
         CASE WHEN postcode IS NULL OR huisnummer IS NULL THEN ST_AsText(geom)
              ELSE upper(replace(postcode, ' ', '')) || '|' || huisnummer || '|' || upper(coalesce(huisletter, '')) || '|' ||
                   upper(coalesce(toevoeging, '')) END AS adres
  FROM vestigingen
  WHERE (datum_inschrijving IS NULL OR datum_inschrijving <= :REF)
    AND (datum_uitschrijving IS NULL OR datum_uitschrijving > :REF);
CREATE INDEX ON vest_actief USING gist (geom);
CREATE TEMP TABLE inc_3j AS SELECT geom FROM incidenten WHERE datum > :START AND datum <= :REF;
CREATE INDEX ON inc_3j USING gist (geom);
CREATE TEMP TABLE woningen AS SELECT geom FROM panden WHERE gebruiksdoel ILIKE '%woonfunctie%';
CREATE INDEX ON woningen USING gist (geom);
ANALYZE panden_pos; ANALYZE bt_union; ANALYZE vest_actief; ANALYZE inc_3j; ANALYZE woningen;

CREATE TABLE ind_pg AS
SELECT p.perceel_id,
  (SELECT count(*) FROM vest_actief v WHERE ST_DWithin(p.geom, v.geom, 250) AND v.sbi LIKE ANY (ARRAY[:RISKY]))
    AS n_risico_vestigingen_250m,
  -- KNN candidates by <->, then the exact distance.
  (SELECT min(ST_Distance(p.geom, o.geom)) FROM (SELECT geom FROM opritten ORDER BY geom <-> p.geom LIMIT 3) o)
    AS afstand_oprit_m,
  coalesce((SELECT sum(ST_Area(ST_Intersection(p.geom, u.geom))) FROM bt_union u WHERE ST_Intersects(p.geom, u.geom)), 0)
    / ST_Area(p.geom) AS aandeel_bedrijventerrein,
  (SELECT count(*) FROM panden_pos d WHERE ST_Contains(p.geom, d.pos)) AS n_panden,
  (SELECT count(*) FROM panden_pos d WHERE ST_Contains(p.geom, d.pos) AND d.status = 'Pand buiten gebruik')
    AS n_panden_buiten_gebruik,
  (SELECT coalesce(sum(d.opp), 0) FROM panden_pos d WHERE ST_Contains(p.geom, d.pos)
     AND d.doel ILIKE '%overige gebruiksfunctie%') AS opp_overig_m2,
  -- KNN (<-> is the exact distance in PostGIS 3): 50x faster than ST_DWithin(2000) + min(ST_Distance).
  least(2000, coalesce((SELECT ST_Distance(p.geom, w.geom) FROM woningen w WHERE NOT ST_Intersects(p.geom, w.geom)
                        ORDER BY w.geom <-> p.geom LIMIT 1), 2000)) AS afstand_woning_m,
  (SELECT count(*) FROM inc_3j i WHERE ST_DWithin(p.geom, i.geom, 500)) AS n_incidenten_500m_3j,
  (SELECT coalesce(sum(d.opp), 0) FROM panden_pos d WHERE ST_Contains(p.geom, d.pos) AND d.doel NOT ILIKE '%woonfunctie%'
     AND d.opp > 200 AND (d.status = 'Pand buiten gebruik' OR d.pand_id IN (SELECT pand_id FROM vab_panden)))
    AS opp_vab_m2,
  coalesce((SELECT max(c) FROM (SELECT count(*) AS c FROM vest_actief v WHERE ST_Contains(p.geom, v.geom)
                                 AND v.sbi NOT LIKE '01%' GROUP BY v.adres) x), 0) AS max_bedrijven_per_adres,
  (SELECT count(*) FROM verblijfsobjecten a WHERE ST_DWithin(p.geom, a.geom, 500)) AS n_adressen_500m,
  (EXISTS (SELECT 1 FROM vakantieparken k WHERE ST_Contains(k.geom, ST_PointOnSurface(p.geom))))::int AS in_vakantiepark
FROM percelen p;
SELECT 'indicatoren_s', extract(epoch FROM clock_timestamp() - :'t0'::timestamptz);

-- Quartic kernel K = 3/(pi h^2) (1 - d^2/h^2)^2 per km^2 at the centres of riskmap's cells.
SELECT clock_timestamp() AS t1 \gset
CREATE TABLE kde_pg AS
SELECT c.cel_id,
       coalesce(sum((1 - ST_Distance(c.ctr, i.geom) ^ 2 / (:H * :H)) ^ 2), 0) * 3 / (pi() * :H * :H) * 1e6 AS kde
FROM (SELECT cel_id, ST_Centroid(geom) AS ctr FROM cellen) c
LEFT JOIN incidenten i ON ST_DWithin(c.ctr, i.geom, :H) AND i.datum > :START AND i.datum <= :REF
GROUP BY c.cel_id;
SELECT 'kde_s', extract(epoch FROM clock_timestamp() - :'t1'::timestamptz);
SELECT 'peak_kb', substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s*(\d+)');
