SELECT a, b FROM t WHERE b > (SELECT max(d) FROM u WHERE u.a = t.a) - 190;
SELECT a FROM t WHERE b < (SELECT count(*) FROM u WHERE u.a = t.a) * 15;
SELECT a FROM t WHERE b >= (SELECT min(d) FROM u) / 10;
