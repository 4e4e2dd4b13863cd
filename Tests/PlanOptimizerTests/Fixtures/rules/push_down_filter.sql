SELECT * FROM (SELECT a, b FROM t) s WHERE a > 1;
SELECT t.a FROM t JOIN u ON t.a = u.a WHERE t.b > 10 AND u.d < 300;
SELECT a, sum(b) FROM t GROUP BY a HAVING a > 1;
SELECT t.a, u.d FROM t LEFT JOIN u ON t.a = u.a AND u.d > 150 WHERE t.b > 5;
SELECT x FROM (SELECT a AS x FROM t UNION ALL SELECT a FROM u) w WHERE x >= 2;
SELECT * FROM (SELECT c, a, count(*) OVER (PARTITION BY c) AS n FROM t) s WHERE c = 'x' AND a > 1;
WITH RECURSIVE r(n) AS (SELECT a FROM t UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r WHERE n > 3;
SELECT a, c, sum(b) FROM t WHERE b > 0 GROUP BY ROLLUP (a, c) HAVING a > 1;
