-- Windows of one partition and order share one sort; a different order stays apart.
SELECT a, row_number() OVER (PARTITION BY c ORDER BY a) AS rn, sum(b) OVER (PARTITION BY c ORDER BY a) AS s FROM t;
SELECT a, rank() OVER (PARTITION BY c ORDER BY a), lag(b) OVER (PARTITION BY c ORDER BY a), count(*) OVER (PARTITION BY c ORDER BY a ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;
SELECT a, row_number() OVER (PARTITION BY c ORDER BY a), row_number() OVER (ORDER BY b) FROM t;
