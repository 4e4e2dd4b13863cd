import PlanCore
import Testing

/// The one split of a join's conjuncts: each conjunct lands in exactly one place, by what it reads.
@Suite struct JoinPredicatesTests {
    static let l = Schema([Field(qualifier: "l", name: "a", dataType: .int64), Field(qualifier: "l", name: "b", dataType: .int64)])
    static let r = Schema([Field(qualifier: "r", name: "a", dataType: .int64), Field(qualifier: "r", name: "c", dataType: .int64)])

    @Test func eachConjunctGoesToTheSideItReadsOrBecomesAKey() {
        let conjuncts: [Expr] = [
            col("l.a") > lit(1),                   // left only
            col("r.c") < lit(5),                   // right only
            col("r.a").eq(col("l.a")),             // key, written right = left
            (col("l.b") + lit(1)).eq(col("r.c")),  // key of expressions
            col("l.b") < col("r.c"),               // across both, not a key: rest
            lit(true),                              // reads no columns: rest
        ]
        let split = JoinPredicates.split(conjuncts, left: Self.l, right: Self.r)
        #expect(split.leftOnly == [col("l.a") > lit(1)])
        #expect(split.rightOnly == [col("r.c") < lit(5)])
        #expect(split.keys == [JoinKey(col("l.a"), col("r.a")), JoinKey(col("l.b") + lit(1), col("r.c"))])
        #expect(split.rest == [col("l.b") < col("r.c"), lit(true)])
        #expect(split.nonKeys == [col("l.a") > lit(1), col("r.c") < lit(5), col("l.b") < col("r.c"), lit(true)])
    }

    @Test func anEqualityWithinOneSideIsThatSidesFilterNotAKey() {
        let split = JoinPredicates.split([col("l.a").eq(col("l.b"))], left: Self.l, right: Self.r)
        #expect(split.leftOnly == [col("l.a").eq(col("l.b"))])
        #expect(split.keys.isEmpty)
    }

    @Test func correlatedConjunctsFollowTheirColumnsOrStayAboveAsAsked() {
        let outer = Expr.outerColumn(Column(relation: "o", name: "x"), .int64)
        let conjunct = col("l.a").eq(outer)
        #expect(JoinPredicates.split([conjunct], left: Self.l, right: Self.r).leftOnly == [conjunct])
        let above = JoinPredicates.split([conjunct], left: Self.l, right: Self.r, correlated: .stayAbove)
        #expect(above.rest == [conjunct])
        #expect(conjunct.isCorrelated)
        #expect(!col("l.a").eq(lit(1)).isCorrelated)
    }

    @Test func anOrSharesTheConjunctsEveryBranchHas() {
        let k = col("l.a").eq(col("r.a"))
        let either = (k.and(col("l.b") > lit(1))).or(k.and(col("r.c") < lit(2)))
        #expect(either.sharedConjuncts == [k])
        #expect((col("l.b") > lit(1)).or(col("r.c") < lit(2)).sharedConjuncts.isEmpty)
        #expect(k.sharedConjuncts.isEmpty)
    }
}
