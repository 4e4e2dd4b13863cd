SELECT t.a, u.d FROM t, u WHERE (t.a = u.a AND t.b = 10) OR (t.a = u.a AND u.d = 200);
SELECT a FROM t WHERE (a > 1 AND c = 'x') OR (a > 1 AND b = 20);
