import Foundation
import PlanCore
import PlanEngine
import PlanTesting
import Testing

/// What the default rulepack must achieve on every TPC-H query: no cross join left,
/// single-table predicates at their scans, scans reading only used columns, every
/// correlated subquery decorrelated. The optimized plans are golden-tested too
/// (Fixtures/tpch_optimized/qNN.plan).
@Suite struct TPCHPlanQualityTests {
    static func optimizedPlan(_ query: Int) throws -> LogicalPlan {
        let name = query < 10 ? "q0\(query)" : "q\(query)"
        let sql = try String(contentsOf: sharedFixtures().appendingPathComponent("tpch/queries/\(name).sql"), encoding: .utf8)
        let session = try TPCHPlanTests.session()
        return try session.optimize(try session.logicalPlan(sql)).final
    }

    /// Every node in the plan, subquery plans included.
    static func nodes(_ plan: LogicalPlan) -> [LogicalPlan] {
        var out: [LogicalPlan] = []
        plan.visit { n in
            out.append(n)
            for s in n.subqueries { out += nodes(s.plan) }
            return .continue
        }
        return out
    }

    static func hasJoinBelow(_ p: LogicalPlan) -> Bool {
        p.contains { if case .join = $0 { true } else if case .crossJoin = $0 { true } else { false } }
    }

    @Test(arguments: 1...22)
    func planQuality(query: Int) throws {
        let plan = try Self.optimizedPlan(query)
        let name = query < 10 ? "q0\(query)" : "q\(query)"
        try expectGolden(IndentRenderer.render(plan), at: fixtures().appendingPathComponent("tpch_optimized/\(name).plan"))
        // Optimizing the optimized plan again changes nothing.
        let session = try TPCHPlanTests.session()
        #expect(try session.optimize(plan).final == plan, "q\(query): re-optimizing changed the plan")
        let all = Self.nodes(plan)
        var referenced = Set<String>()
        for n in all { for e in n.expressions { for c in e.columnRefs { referenced.insert(c.flatName) } } }
        #expect(!all.contains { if case .crossJoin = $0 { true } else { false } }, "q\(query) keeps a cross join")
        for node in all {
            for e in node.expressions {
                for s in e.subqueries { #expect(!s.isCorrelated, "q\(query) keeps a correlated subquery in \(node.nodeLine)") }
            }
            if case .tableScan(let t) = node {
                if t.projection == nil {
                    let unused = t.sourceSchema.fields.filter { !referenced.contains($0.qualifiedName) }.map(\.name)
                    #expect(unused.isEmpty, "q\(query) scan of \(t.tableName) reads unused columns \(unused)")
                }
            }
            if case .filter(let f) = node {
                for c in f.predicate.conjuncts where !c.containsSubquery {
                    let tables = Set(c.columnRefs.compactMap(\.relation))
                    if tables.count == 1, Self.hasJoinBelow(f.input) {
                        Issue.record("q\(query): single-table predicate \(c) sits above a join")
                    }
                }
            }
        }
    }
}
