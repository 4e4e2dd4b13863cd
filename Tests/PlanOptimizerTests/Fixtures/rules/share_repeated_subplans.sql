WITH s AS (SELECT a, sum(b) AS total FROM t GROUP BY a) SELECT a, total FROM s WHERE total = (SELECT max(total) FROM s);
WITH j AS (SELECT t.a, u.d FROM t JOIN u ON t.a = u.a) SELECT x.a, x.d, y.d FROM j AS x JOIN j AS y ON x.a = y.a;
WITH s AS (SELECT DISTINCT c FROM t) SELECT c FROM s UNION ALL SELECT c FROM s;
WITH s AS (SELECT a, sum(b) AS total FROM t GROUP BY a) SELECT a, total FROM s;
SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) AND b > (SELECT count(*) FROM u WHERE u.a = t.a);
