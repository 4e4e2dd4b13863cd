-- Backslash commands work in piped scripts too (planscope < examples/demo/commands.sql).
\dt
\d region
SELECT r_name FROM region WHERE r_regionkey < 2 ORDER BY 1;
\explain
\step 0
\pushdown
\rules pack pushdown
\show optimizer.rulepack
\format csv
SELECT count(*) AS nations FROM nation;
