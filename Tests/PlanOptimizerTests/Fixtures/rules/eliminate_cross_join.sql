SELECT t.a, u.d FROM t, u WHERE t.a = u.a;
SELECT t.c, v.f FROM t, u, v WHERE t.a = u.a AND u.a = v.e AND t.b > 5;
