-- A short tour of planscope on the demo workspace (piped: planscope < examples/demo/tour.sql).
SELECT r_name, count(*) AS nations
FROM region JOIN nation ON n_regionkey = r_regionkey
GROUP BY r_name
ORDER BY r_name;

CREATE TABLE big_orders AS
SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > 150000;

SELECT count(*) AS n, min(o_totalprice) AS smallest FROM big_orders;

EXPLAIN SELECT c_name FROM customer WHERE c_acctbal > (SELECT avg(c_acctbal) FROM customer) LIMIT 3;

SELECT l_returnflag, l_linestatus, sum(l_quantity) AS qty, avg(l_discount) AS disc
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
GROUP BY 1, 2
ORDER BY 1, 2;
