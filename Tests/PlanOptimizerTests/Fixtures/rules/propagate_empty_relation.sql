SELECT t.a FROM t JOIN (SELECT a FROM u WHERE false) s ON t.a = s.a;
SELECT a FROM t WHERE 1 = 0 UNION ALL SELECT a FROM u;
SELECT count(*) FROM t WHERE false;
SELECT t.a, s.a FROM t LEFT JOIN (SELECT a FROM u WHERE 1 = 0) s ON t.a = s.a;
