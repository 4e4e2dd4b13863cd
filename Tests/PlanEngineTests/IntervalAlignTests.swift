import PlanCore
import PlanEngine
import Testing

@Suite struct IntervalAlignTests {
    func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE reads (path TEXT, bstart INT, bend INT, name TEXT);
            INSERT INTO reads VALUES ('chr1', 100, 200, 'r1'), ('chr1', 150, 400, 'r2'), ('chr2', 10, 20, 'r3'), ('chr1', 900, 950, 'r4');
            CREATE TABLE genes (path TEXT, bstart INT, bend INT, gene TEXT);
            INSERT INTO genes VALUES ('chr1', 120, 180, 'g1'), ('chr1', 300, 500, 'g2'), ('chr2', 15, 30, 'g3');
            CREATE VIEW long_reads AS SELECT * FROM reads WHERE bend - bstart > 50;
            """)
        return s
    }

    @Test func alignsOverlappingAndContainedSpans() throws {
        let s = try session()
        let overlaps = try s.query("SELECT name, gene FROM interval_align(reads, genes) ORDER BY 1, 2").rows
        #expect(overlaps.map { $0.map(\.sqlText) } == [["r1", "g1"], ["r2", "g1"], ["r2", "g2"], ["r3", "g3"]])
        let contains = try s.query("SELECT name, gene FROM interval_align(reads, genes, match => 'contains', join => 'left') ORDER BY 1").rows
        #expect(contains.map { $0.map(\.sqlText) } == [["r1", "g1"], ["r2", "NULL"], ["r3", "NULL"], ["r4", "NULL"]])
        // A view of the caller's catalog works as an input, and clashing right names get the suffix.
        let r = try s.query("SELECT * FROM interval_align(long_reads, genes, right_columns => 'gene,bstart', suffix => '_g') ORDER BY name, gene")
        #expect(r.schema.names == ["path", "bstart", "bend", "name", "gene", "bstart_g"])
        #expect(r.rowCount == 3)
    }

    @Test func classifiesFiltersBySide() throws {
        let s = try session()
        let report = try #require(try s.query("SELECT name FROM interval_align(reads, genes, join => 'left') a WHERE name = 'r2' AND gene = 'g2' AND bend > bstart_right").pushdown)
        let classes = report.scans.first?.filters.map { "\($0.expr) \($0.pushdown.rawValue)" } ?? []
        #expect(classes == ["a.name = Utf8(\"r2\") exact", "a.gene = Utf8(\"g2\") inexact", "a.bend > a.bstart_right unsupported"])
        // Same rows without any pushdown.
        let on = try s.query("SELECT name, gene FROM interval_align(reads, genes, join => 'left') a WHERE gene = 'g1' OR name = 'r4' ORDER BY 1, 2").rows
        _ = try s.execute("SET optimizer.rulepack = 'none'")
        let off = try s.query("SELECT name, gene FROM interval_align(reads, genes, join => 'left') a WHERE gene = 'g1' OR name = 'r4' ORDER BY 1, 2").rows
        #expect(on == off)
        let leftFiltered = try s.query("SELECT name, gene FROM interval_align(reads, genes, join => 'left') a WHERE gene IS NULL ORDER BY 1").rows
        #expect(leftFiltered.map { $0[0].sqlText } == ["r4"])
    }

    @Test func projectionFilterAndLimitReachTheInputs() throws {
        let s = try session()
        let sql = "SELECT name, bstart_right FROM interval_align(reads, genes, join => 'left') a WHERE name <> 'r3' LIMIT 2"
        let plan = IndentRenderer.render(try #require(try s.explain(sql).trace).final)
        #expect(plan == """
            Projection: a.name, a.bstart_right
              Limit: skip=0, fetch=2
                IntervalAlign: join=left match=overlaps on=[path] left_filters=[a.name != Utf8("r3")]
                  Limit: skip=0, fetch=2
                    TableScan: reads full_filters=[reads.name != Utf8("r3")]
                  TableScan: genes projection=[path, bstart, bend]
            """, "\(plan)")
        // The same rows as without any rule (LEFT mode: every left row gives a row).
        let rows = try s.query(sql).rows
        #expect(rows.count == 2)
        _ = try s.execute("SET optimizer.rulepack = 'none'")
        let all = try s.query("SELECT name, bstart_right FROM interval_align(reads, genes, join => 'left') a WHERE name <> 'r3'").rows
        #expect(rows.allSatisfy(all.contains))
        // Inner mode bounds no input: a left row may match nothing.
        _ = try s.execute("SET optimizer.rulepack = 'default'")
        let inner = IndentRenderer.render(try #require(try s.explain("SELECT name FROM interval_align(reads, genes) a LIMIT 2").trace).final)
        #expect(inner.components(separatedBy: "Limit:").count == 2, "\(inner)")
        #expect(try s.query("SELECT name FROM interval_align(reads, genes) a ORDER BY 1 LIMIT 3").rows.map { $0[0].sqlText } == ["r1", "r2", "r2"])
    }

    @Test func badArgumentsAreOneLineErrors() throws {
        let s = try session()
        for (sql, message) in [
            ("SELECT * FROM interval_align(reads)", "interval_align takes two relations"),
            ("SELECT * FROM interval_align(reads, genes, match => 'near')", "match must be 'overlaps' or 'contains'"),
            ("SELECT * FROM interval_align(reads, genes, colour => 'x')", "has no option 'colour'"),
            ("SELECT * FROM interval_align(reads, reads)", "share column names"),
            ("SELECT * FROM interval_align(reads, genes, left_columns => 'nope')", "no column 'nope' in reads"),
        ] {
            do { _ = try s.query(sql); Issue.record("no error for \(sql)") } catch {
                #expect(error.description.contains(message), "\(error.description)")
                #expect(error.description.hasPrefix("line 1, column 15"))
            }
        }
    }
}
