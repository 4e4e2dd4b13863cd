-- The tables every rule fixture starts with: small, with NULLs and duplicate keys.
CREATE TABLE t (a INT, b INT, c VARCHAR);
INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y'), (3, NULL, 'x'), (NULL, 40, NULL), (2, 20, 'z'), (4, 5, 'w');
CREATE TABLE u (a INT, d INT);
INSERT INTO u VALUES (1, 100), (2, 200), (2, 201), (5, NULL), (NULL, 7), (4, 150);
CREATE TABLE v (e INT, f VARCHAR);
INSERT INTO v VALUES (1, 'x'), (3, 'y'), (NULL, 'z'), (2, 'x');
