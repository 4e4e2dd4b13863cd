SELECT a FROM t;
SELECT s.a FROM (SELECT a, b, c FROM t) s;
SELECT t.c FROM t JOIN u ON t.a = u.a;
SELECT count(*) FROM t;
