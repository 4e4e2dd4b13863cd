SELECT a FROM t;
SELECT s.a FROM (SELECT a, b, c FROM t) s;
SELECT t.c FROM t JOIN u ON t.a = u.a;
SELECT count(*) FROM t;
SELECT a FROM (SELECT a, b, row_number() OVER (ORDER BY a) AS rn, sum(b) OVER (PARTITION BY c) AS s FROM t) q WHERE a > 1;
SELECT rn FROM (SELECT a, row_number() OVER (ORDER BY a) AS rn, sum(b) OVER (PARTITION BY c) AS s FROM t) q;
SELECT c, sum(b) FROM t GROUP BY ROLLUP (c);
WITH RECURSIVE r(n, m) AS (SELECT a, b FROM t UNION ALL SELECT n + 1, m FROM r WHERE n < 5) SELECT n FROM r;
