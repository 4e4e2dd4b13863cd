-- The semi join's right input (v, 4 rows) must look at most a fifth of the side it moves onto.
CREATE TABLE big (k INT, w INT);
INSERT INTO big SELECT x % 10, x FROM generate_series(1, 200) AS g(x);
SELECT big.k, big.w, u.d FROM big JOIN u ON big.k = u.a WHERE big.w IN (SELECT e FROM v);
SELECT big.w, u.d FROM u JOIN big ON big.k = u.a WHERE EXISTS (SELECT 1 FROM v WHERE v.e = big.w AND v.f = 'x');
