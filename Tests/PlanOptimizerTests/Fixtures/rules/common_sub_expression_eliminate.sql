SELECT a + b, (a + b) * 2 FROM t;
SELECT sum(a * b), max(a * b) FROM t;
SELECT c, upper(c) || upper(c) FROM t;
