-- Top-N per group: QUALIFY on row_number(), the same filter over a subquery, and a window
-- with lead() whose values the rows after the first k would change (left alone).
SELECT c, a, row_number() OVER (PARTITION BY c ORDER BY a DESC) AS rn FROM t QUALIFY rn <= 1;
SELECT * FROM (SELECT c, a, b, row_number() OVER (PARTITION BY c ORDER BY b, a) AS rn, rank() OVER (PARTITION BY c ORDER BY b, a) AS r FROM t) s WHERE rn < 3;
SELECT * FROM (SELECT a, d, row_number() OVER (PARTITION BY a ORDER BY d) AS rn FROM u) s WHERE 2 >= rn AND a > 1;
SELECT * FROM (SELECT c, a, row_number() OVER (PARTITION BY c ORDER BY a) AS rn, lead(a) OVER (PARTITION BY c ORDER BY a) AS nxt FROM t) s WHERE rn = 1;
