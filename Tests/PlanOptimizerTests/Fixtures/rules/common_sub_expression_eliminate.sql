SELECT a + b, (a + b) * 2 FROM t;
SELECT sum(a * b), max(a * b) FROM t;
SELECT c, upper(c) || upper(c) FROM t;
SELECT (a * b + 1) * 2, (a * b + 1) * 3 FROM t;
SELECT c, count(*) FROM t GROUP BY c HAVING sum(a * b - 1) > 0 AND max(a * b - 1) < 100;
