SELECT t.a, u.d FROM t LEFT JOIN u ON t.a = u.a WHERE u.d > 100;
SELECT t.a, u.d FROM t RIGHT JOIN u ON t.a = u.a WHERE t.b >= 10;
SELECT t.a, u.d FROM t FULL JOIN u ON t.a = u.a WHERE t.b > 10;
SELECT t.a, u.d FROM t FULL JOIN u ON t.a = u.a WHERE t.b > 10 AND u.d < 300;
SELECT t.a, u.d FROM t LEFT JOIN u ON t.a = u.a WHERE u.d IS NULL OR u.d > 150;
