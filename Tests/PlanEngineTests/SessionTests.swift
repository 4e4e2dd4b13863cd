import PlanCore
import PlanEngine
import PlanscopeCommands
import Testing

@Suite struct SessionTests {
    @Test func ddlAndDmlRoundTrip() throws {
        let s = Session()
        let results = try s.execute("""
            CREATE TABLE t (a INTEGER NOT NULL, b VARCHAR(5), c DECIMAL(6,2), d CHAR(3));
            INSERT INTO t VALUES (1, 'x', 1.5, 'ab'), (2, NULL, -0.25, NULL);
            INSERT INTO t (a, c) SELECT a + 10, c * 2 FROM t;
            CREATE VIEW v AS SELECT a, c FROM t WHERE c > 0;
            SELECT * FROM v ORDER BY a;
            """)
        #expect(results.count == 5)
        // Each command's tag as PostgreSQL prints it, and the rows it affected as a number.
        #expect(results.map(\.commandTag) == ["CREATE TABLE", "INSERT 0 2", "INSERT 0 2", "CREATE VIEW", nil])
        #expect(results.map(\.affectedRows) == [nil, 2, 2, nil, nil])
        #expect(try s.execute("UPDATE t SET b = 'y' WHERE a > 1; DELETE FROM t WHERE a = 12").map(\.affectedRows) == [3, 1])
        let r = results[4]
        #expect(r.rows == [[.int32(1), .decimal(150, precision: 6, scale: 2)], [.int32(11), .decimal(300, precision: 6, scale: 2)]])
        #expect(try s.query("SELECT d FROM t WHERE a = 1").rows == [[.string("ab")]])
        _ = try s.execute("DROP VIEW v; DROP TABLE t")
        #expect(s.catalog.relationNames.isEmpty)
    }

    @Test func statementsBeforeAnErrorKeepTheirEffects() throws {
        let s = Session()
        #expect(throws: StatementError.self) {
            try s.execute("CREATE TABLE k (a INT); INSERT INTO k VALUES (1); SELECT 1/0; INSERT INTO k VALUES (2)")
        }
        #expect(try s.query("SELECT count(*) FROM k").rows == [[.int64(1)]])
    }

    @Test func createTableAsAndExplain() throws {
        let s = Session()
        DemoWorkspace.load(into: s)
        _ = try s.execute("CREATE TABLE asia AS SELECT n_name FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA'")
        #expect(try s.query("SELECT count(*) FROM asia").rows == [[.int64(5)]])
        let explain = try s.query("EXPLAIN SELECT count(*) FROM asia")
        #expect(explain.rows.first?.first == .string("logical_plan"))
        #expect(explain.rows.first?[1].sqlText.contains("TableScan: asia") == true)
        _ = try s.execute("SET explain.format = 'tree'")
        #expect(try s.query("EXPLAIN SELECT 1").rows.first?[1].sqlText == "Projection: Int64(1)\n└── EmptyRelation: rows=1")
    }

    @Test func correlatedSubqueriesGiveCorrectAnswers() throws {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE o (id INT, cust INT);
            CREATE TABLE c (id INT, name TEXT);
            INSERT INTO c VALUES (1, 'a'), (2, 'b'), (3, 'c');
            INSERT INTO o VALUES (10, 1), (11, 1), (12, 3), (13, NULL);
            """)
        #expect(try s.query("SELECT name FROM c WHERE EXISTS (SELECT 1 FROM o WHERE o.cust = c.id) ORDER BY 1").rows == [[.string("a")], [.string("c")]])
        #expect(try s.query("SELECT name, (SELECT count(*) FROM o WHERE o.cust = c.id) FROM c ORDER BY 1").rows.map { $0[1] } == [.int64(2), .int64(0), .int64(1)])
        // NOT IN with a NULL in the subquery is never true.
        #expect(try s.query("SELECT name FROM c WHERE id NOT IN (SELECT cust FROM o)").rowCount == 0)
        #expect(try s.query("SELECT name FROM c WHERE id IN (SELECT cust FROM o) ORDER BY 1").rowCount == 2)
    }

    @Test func outputFormats() throws {
        let s = Session()
        let r = try s.query("SELECT 1 AS n, 'a,b' AS s, NULL AS z, 2.50 AS d")
        #expect(OutputFormat.csv.render(r) == "n,s,z,d\n1,\"a,b\",,2.50")
        #expect(OutputFormat.json.render(r) == "[\n  {\n    \"n\": 1,\n    \"s\": \"a,b\",\n    \"z\": null,\n    \"d\": 2.50\n  }\n]")
        #expect(OutputFormat.table.render(r, style: .ascii) == """
            +---+-----+------+------+
            | n | s   | z    | d    |
            +---+-----+------+------+
            | 1 | a,b | NULL | 2.50 |
            +---+-----+------+------+
            (1 row)
            """)
    }
}
