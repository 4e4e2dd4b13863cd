SELECT t.a, u.d, v.f FROM t JOIN u ON t.a = u.a JOIN v ON u.a = v.e;
SELECT t.c, v.f FROM v JOIN t ON v.e = t.a JOIN u ON t.a = u.a WHERE u.d > 100;
