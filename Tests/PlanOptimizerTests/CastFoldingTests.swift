import PlanCore
import PlanEngine
import PlanOptimizer
import Testing

/// The casts the binder inserts where it coerces, before and after
/// `simplify_expressions`: casts of literals fold to a literal of the cast's type, a cast
/// of a column compared with a literal that fits its type is unwrapped, and a cast that
/// would fail stays for run time.
@Suite struct CastFoldingTests {
    /// t(a INTEGER, b INTEGER, c VARCHAR) from the helpers, plus m(p DECIMAL(15,2), d DATE).
    static func session() throws -> Session {
        let s = try testSession()
        _ = try s.execute("CREATE TABLE m (p DECIMAL(15,2), d DATE); INSERT INTO m VALUES (99.50, DATE '2024-01-31'), (100.25, DATE '2024-02-01')")
        return s
    }

    @Test func aLiteralComparedWithADecimalColumnIsCastToItsTypeThenFolded() throws {
        let plan = try Self.session().logicalPlan("SELECT p FROM m WHERE p < 100 AND d >= '2024-02-01'")
        expectPlan(plan, """
            Projection: m.p
              Filter: m.p < CAST(Int64(100) AS Decimal128(15, 2)) AND m.d >= CAST(Utf8("2024-02-01") AS Date32)
                TableScan: m
            """)
        expectPlan(try optimized(plan, by: [SimplifyExpressions()]), """
            Projection: m.p
              Filter: m.p < Decimal128(Some(10000),15,2) AND m.d >= Date32("2024-02-01")
                TableScan: m
            """)
    }

    @Test func inListsAndBetweenFoldTheirLiterals() throws {
        let plan = try bound("SELECT a FROM t WHERE a IN (1, 2) AND b BETWEEN 1 AND 10")
        expectPlan(plan, """
            Projection: t.a
              Filter: t.a IN ([CAST(Int64(1) AS Int32), CAST(Int64(2) AS Int32)]) AND t.b BETWEEN CAST(Int64(1) AS Int32) AND CAST(Int64(10) AS Int32)
                TableScan: t
            """)
        expectPlan(try optimized(plan, by: [SimplifyExpressions()]), """
            Projection: t.a
              Filter: t.a IN ([Int32(1), Int32(2)]) AND t.b BETWEEN Int32(1) AND Int32(10)
                TableScan: t
            """)
    }

    @Test func aCastOfAColumnIsUnwrappedOnceItsLiteralIsFolded() throws {
        // `2 * 3` is not a literal when bound, so the column meets it as BIGINT; folded to
        // 6, it fits INTEGER and the column is bare again.
        let plan = try bound("SELECT a FROM t WHERE a < 2 * 3")
        expectPlan(plan, """
            Projection: t.a
              Filter: CAST(t.a AS Int64) < Int64(2) * Int64(3)
                TableScan: t
            """)
        expectPlan(try optimized(plan, by: [SimplifyExpressions()]), """
            Projection: t.a
              Filter: t.a < Int32(6)
                TableScan: t
            """)
    }

    @Test func aLiteralThatDoesNotFitKeepsTheColumnCast() throws {
        // 10000000000 is no INTEGER and 1.5 no whole number: the column is compared in the
        // common type, as the executor compares it, and nothing is unwrapped.
        let plan = try bound("SELECT a FROM t WHERE a = 10000000000 OR b = 1.5")
        let after = """
            Projection: t.a
              Filter: CAST(t.a AS Int64) = Int64(10000000000) OR CAST(t.b AS Decimal128(11, 1)) = Decimal128(Some(15),2,1)
                TableScan: t
            """
        expectPlan(plan, after.replacingOccurrences(of: "Decimal128(Some(15),2,1)", with: "CAST(Decimal128(Some(15),2,1) AS Decimal128(11, 1))"))
        expectPlan(try optimized(plan, by: [SimplifyExpressions()]), after.replacingOccurrences(of: "Decimal128(Some(15),2,1)", with: "Decimal128(Some(15),11,1)"))
    }

    @Test func aCastThatWouldFailStaysAndFailsAtRunTime() throws {
        let s = try Self.session()
        _ = try s.execute("INSERT INTO t VALUES (1, 2, 'x')")
        let sql = "SELECT a FROM t WHERE a = CAST(10000000000 AS INTEGER) OR c = CAST('abc' AS INTEGER)"
        let trace = try s.optimize(try s.logicalPlan(sql))
        let text = IndentRenderer.render(trace.final)
        #expect(text.contains("CAST(Int64(10000000000) AS Int32)"), "\(text)")
        #expect(text.contains("CAST(Utf8(\"abc\") AS Int32)"), "\(text)")
        #expect(throws: StatementError.self) { try s.execute(sql) }
        do { _ = try s.execute(sql) } catch { #expect("\(error)".contains("integer out of range"), "\(error)") }
    }

    @Test func theTraceNamesTheStepThatFoldedTheCast() throws {
        let s = try Self.session()
        let trace = try s.optimize(try s.logicalPlan("SELECT p FROM m WHERE p < 100"))
        #expect(IndentRenderer.render(trace.initial).contains("CAST(Int64(100) AS Decimal128(15, 2))"))
        let folding = trace.steps.first { IndentRenderer.render($0.plan).contains("Decimal128(Some(10000),15,2)") }
        #expect(folding?.rule == "simplify_expressions")
        #expect(folding?.changed == true)
        // The scan sees `column < literal` and takes the filter whole.
        #expect(IndentRenderer.render(trace.final).contains("TableScan: m projection=[p] full_filters=[m.p < Decimal128(Some(10000),15,2)]"))
    }

    @Test func castsChangeNoResult() throws {
        let s = try Self.session()
        _ = try s.execute("INSERT INTO t VALUES (1, 2, '3'), (2, 5, 'x'), (NULL, 7, '5')")
        func rows(_ sql: String) throws -> String {
            let rows = try s.execute(sql).last?.rows ?? []
            return rows.map { $0.map(\.sqlText).joined(separator: "|") }.joined(separator: ",")
        }
        #expect(try rows("SELECT a FROM t WHERE a IN (1, 10000000000) ORDER BY a") == "1")
        #expect(try rows("SELECT a FROM t WHERE a = 1.5") == "")
        #expect(try rows("SELECT a FROM t WHERE b BETWEEN 2 AND 5.5 ORDER BY a") == "1,2")
        #expect(try rows("SELECT p FROM m WHERE p > 99.5 AND p <= 100.25") == "100.25")
        #expect(try rows("SELECT a + 1, b * 1.5, a || c FROM t WHERE a = 1") == "2|3.0|13")
        #expect(try rows("SELECT CASE WHEN a = 1 THEN 1 ELSE 2.5 END FROM t WHERE a IS NOT NULL ORDER BY 1") == "1.0,2.5")
        #expect(try rows("SELECT a FROM t WHERE a IS NOT NULL UNION SELECT 1.5 ORDER BY 1") == "1.0,1.5,2.0")
    }
}
