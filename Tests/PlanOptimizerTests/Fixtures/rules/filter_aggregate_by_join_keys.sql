-- The filtered single-table input (v) must look at most a fifth of the aggregate's input.
CREATE TABLE big (k INT, w INT);
INSERT INTO big SELECT x % 10, x FROM generate_series(1, 200) AS g(x);
SELECT s.k, s.total FROM (SELECT k, sum(w) AS total FROM big GROUP BY k) s JOIN v ON s.k = v.e WHERE v.f = 'x';
SELECT v.f, s.n FROM v JOIN (SELECT k, count(*) AS n FROM big GROUP BY k) s ON v.e = s.k WHERE v.f <> 'y';
