import PlanCore
@testable import PlanProviders
import Testing

/// The one judgement of filters against zones (ZoneMapTable chunks, Parquet row groups and
/// pages): what it prunes, and that it keeps a span whenever something is unknown.
@Suite struct ZonePruningTests {
    let pruning = ZonePruning(schema: Schema([Field(name: "x", dataType: .int64, nullable: true),
                                              Field(name: "f", dataType: .float64, nullable: true)]))
    let x = Expr.column(Column(name: "x"))
    let f = Expr.column(Column(name: "f"))

    func may(_ filter: Expr, _ zone: ColumnZone?) -> Bool { pruning.mayMatch(filter) { $0 == 0 || $0 == 1 ? zone : nil } }

    @Test func comparisonsAgainstMinAndMax() {
        let zone = ColumnZone(min: .int64(10), max: .int64(20), nullCount: 0, rows: 100)
        #expect(!may(.binary(x, .lt, .literal(.int64(10))), zone))
        #expect(may(.binary(x, .ltEq, .literal(.int64(10))), zone))
        #expect(!may(.binary(.literal(.int64(21)), .ltEq, x), zone))  // constant on the left
        #expect(!may(.between(x, low: .literal(.int64(21)), high: .literal(.int64(30)), negated: false), zone))
        #expect(may(.inList(x, [.literal(.int64(1)), .literal(.int64(15))], negated: false), zone))
        #expect(!may(.inList(x, [.literal(.int64(1)), .literal(.int64(25))], negated: false), zone))
        #expect(!may(.isTest(x, .isNull), zone))
        #expect(!may(.binary(x, .notEq, .literal(.int64(3))), ColumnZone(min: .int64(3), max: .int64(3), nullCount: 0, rows: 5)))
    }

    @Test func unknownsKeepTheSpan() {
        // No statistics at all, no NULL count, or a missing maximum: kept.
        #expect(may(.binary(x, .gt, .literal(.int64(99))), nil))
        #expect(may(.isTest(x, .isNull), ColumnZone(min: .int64(1), max: .int64(2), nullCount: nil, rows: 5)))
        #expect(may(.binary(x, .gt, .literal(.int64(99))), ColumnZone(min: .int64(1), max: nil, nullCount: 0, rows: 5)))
        // The minimum alone still prunes a less-than.
        #expect(!may(.binary(x, .lt, .literal(.int64(0))), ColumnZone(min: .int64(1), max: nil, nullCount: 0, rows: 5)))
        // Not a column against a constant: not judged.
        #expect(!pruning.judgeable(.binary(x, .lt, f)))
        #expect(pruning.judgeable(.logical(.and, [.binary(x, .lt, .literal(.int64(1))), .isTest(f, .isNotNull)])))
    }

    @Test func onlyNullsMatchNoComparison() {
        let nulls = ColumnZone(min: nil, max: nil, nullCount: 5, rows: 5)
        #expect(!may(.binary(x, .eq, .literal(.int64(1))), nulls))
        #expect(!may(.isTest(x, .isNotNull), nulls))
        #expect(may(.isTest(x, .isNull), nulls))
        #expect(!may(.binary(x, .eq, .literal(.null)), ColumnZone(min: .int64(1), max: .int64(2), nullCount: 0, rows: 5)))
    }
}
