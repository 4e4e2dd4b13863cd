import PlanCore
import PlanEngine
import Testing

/// Where the binder coerces, the bound plan shows the cast: a literal is cast to the
/// type of what it meets when it fits exactly, anything else meets in the common type.
@Suite struct CoercionTests {
    static func session() throws -> Session {
        let s = Session()
        _ = try s.execute("""
            CREATE TABLE k (i INTEGER, s SMALLINT, n BIGINT, p DECIMAL(15,2), f DOUBLE, d DATE, ts TIMESTAMP, c VARCHAR);
            """)
        return s
    }

    /// The bound expressions of the first Filter or Projection of `sql`'s plan.
    static func bound(_ sql: String) throws -> String {
        let plan = try session().logicalPlan(sql)
        var found: String?
        plan.visit { node in
            switch node {
            case .filter(let f): found = f.predicate.description
            case .projection(let p) where found == nil && !p.exprs.allSatisfy({ if case .column = $0 { true } else { false } }):
                found = p.exprs.map(\.description).joined(separator: ", ")
            default: break
            }
            return found == nil ? .continue : .stop
        }
        return found ?? IndentRenderer.render(plan)
    }

    @Test func comparisonsCastTheLiteralSideWhenItFits() throws {
        #expect(try Self.bound("SELECT i FROM k WHERE i = 5") == "k.i = CAST(Int64(5) AS Int32)")
        #expect(try Self.bound("SELECT i FROM k WHERE 5 < i") == "CAST(Int64(5) AS Int32) < k.i")
        #expect(try Self.bound("SELECT i FROM k WHERE p >= 100") == "k.p >= CAST(Int64(100) AS Decimal128(15, 2))")
        #expect(try Self.bound("SELECT i FROM k WHERE p < 0.5") == "k.p < CAST(Decimal128(Some(5),1,1) AS Decimal128(15, 2))")
        #expect(try Self.bound("SELECT i FROM k WHERE f > 1") == "k.f > CAST(Int64(1) AS Float64)")
        #expect(try Self.bound("SELECT i FROM k WHERE d < '2024-01-01'") == "k.d < CAST(Utf8(\"2024-01-01\") AS Date32)")
        #expect(try Self.bound("SELECT i FROM k WHERE ts >= DATE '2024-01-01'") == "k.ts >= CAST(Date32(\"2024-01-01\") AS Timestamp)")
    }

    @Test func comparisonsCastTheColumnWhenTheLiteralDoesNotFit() throws {
        #expect(try Self.bound("SELECT i FROM k WHERE i = 10000000000") == "CAST(k.i AS Int64) = Int64(10000000000)")
        #expect(try Self.bound("SELECT i FROM k WHERE i < 1.5") == "CAST(k.i AS Decimal128(11, 1)) < CAST(Decimal128(Some(15),2,1) AS Decimal128(11, 1))")
        #expect(try Self.bound("SELECT i FROM k WHERE n = 1e3") == "CAST(k.n AS Float64) = Float64(1000)")
        #expect(try Self.bound("SELECT i FROM k WHERE i = n") == "CAST(k.i AS Int64) = k.n")
        #expect(try Self.bound("SELECT i FROM k WHERE p = f") == "CAST(k.p AS Float64) = k.f")
    }

    @Test func textComparedWithANumberIsReadAsThatNumber() throws {
        #expect(try Self.bound("SELECT i FROM k WHERE i = '5'") == "k.i = CAST(Utf8(\"5\") AS Int32)")
        #expect(try Self.bound("SELECT i FROM k WHERE c = 5") == "CAST(k.c AS Int64) = Int64(5)")
        #expect(throws: StatementError.self) { try Self.session().logicalPlan("SELECT i FROM k WHERE i = 'abc'") }
    }

    @Test func inListsBetweenAndCaseOperandsMeetAsOneGroup() throws {
        #expect(try Self.bound("SELECT i FROM k WHERE s IN (1, 2)") == "k.s IN ([CAST(Int64(1) AS Int16), CAST(Int64(2) AS Int16)])")
        #expect(try Self.bound("SELECT i FROM k WHERE s IN (1, 100000)") == "CAST(k.s AS Int64) IN ([Int64(1), Int64(100000)])")
        #expect(try Self.bound("SELECT i FROM k WHERE p BETWEEN 1 AND 2.555")
                == "CAST(k.p AS Decimal128(16, 3)) BETWEEN CAST(Int64(1) AS Decimal128(16, 3)) AND CAST(Decimal128(Some(2555),4,3) AS Decimal128(16, 3))")
        #expect(try Self.bound("SELECT CASE i WHEN 1 THEN 'one' END FROM k") == "CASE k.i WHEN CAST(Int64(1) AS Int32) THEN Utf8(\"one\") END")
    }

    @Test func caseResultsAndFunctionArgumentsAreUnified() throws {
        #expect(try Self.bound("SELECT CASE WHEN i > n THEN p ELSE 0 END FROM k")
                == "CASE WHEN CAST(k.i AS Int64) > k.n THEN CAST(k.p AS Decimal128(21, 2)) ELSE CAST(Int64(0) AS Decimal128(21, 2)) END")
        #expect(try Self.bound("SELECT coalesce(i, n) FROM k") == "coalesce(CAST(k.i AS Int64), k.n)")
        #expect(try Self.bound("SELECT greatest(d, ts) FROM k") == "greatest(CAST(k.d AS Timestamp), k.ts)")
        // Strings of any length are already text: no cast.
        #expect(try Self.bound("SELECT coalesce(c, 'x') FROM k") == "coalesce(k.c, Utf8(\"x\"))")
    }

    @Test func arithmeticCastsToTheTypeItComputesIn() throws {
        #expect(try Self.bound("SELECT i + 1 FROM k") == "CAST(k.i AS Int64) + Int64(1)")
        #expect(try Self.bound("SELECT s * i FROM k") == "CAST(k.s AS Int32) * k.i")
        #expect(try Self.bound("SELECT p * (1 - p) FROM k") == "k.p * (CAST(Int64(1) AS Decimal128(19, 0)) - k.p)")
        #expect(try Self.bound("SELECT p + f FROM k") == "CAST(k.p AS Float64) + k.f")
        #expect(try Self.bound("SELECT c || i FROM k") == "k.c || CAST(k.i AS Utf8)")
        // Dates and intervals are not numbers: no cast.
        #expect(try Self.bound("SELECT d + 1 FROM k") == "k.d + Int64(1)")
    }

    @Test func setOperationsAndValuesCastEachSideToTheCommonType() throws {
        let union = IndentRenderer.render(try Self.session().logicalPlan("SELECT i FROM k UNION ALL SELECT p FROM k"))
        #expect(union == """
            Union All
              Projection: CAST(k.i AS Decimal128(15, 2)) AS i
                Projection: k.i
                  TableScan: k
              Projection: k.p
                TableScan: k
            """, "\(union)")
        let values = IndentRenderer.render(try Self.session().logicalPlan("VALUES (1), (2.5)"))
        #expect(values == "Values: (CAST(Int64(1) AS Decimal128(20, 1))), (CAST(Decimal128(Some(25),2,1) AS Decimal128(20, 1)))", "\(values)")
    }

    @Test func anUnfoldedCastOfALiteralFailsOnlyWhenItsValueDoesNotConvert() {
        // With every rule off the casts stay; AND/OR may still evaluate them on every row.
        #expect(Expr.cast(.literal(.int64(24)), .decimal(precision: 15, scale: 2)).cannotFail)
        #expect(!Expr.cast(.literal(.int64(10_000_000_000)), .int32).cannotFail)
        #expect(!Expr.cast(.literal(.string("abc")), .int32).cannotFail)
    }

    @Test func castsKeepEveryExpressionsType() throws {
        // The casts make conversions visible; they never change what an expression yields.
        let s = try Self.session()
        for (sql, type) in [("SELECT i + 1 FROM k", DataType.int64), ("SELECT p * 2 FROM k", .decimal(precision: 35, scale: 2)),
                            ("SELECT CASE WHEN i > 0 THEN 1 ELSE 2.5 END FROM k", .decimal(precision: 20, scale: 1))] {
            #expect(try s.logicalPlan(sql).schema.fields[0].dataType == type, "\(sql)")
        }
    }
}
