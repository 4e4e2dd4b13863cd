import PlanCore
import PlanEngine
import PlanExec
import PlanManifest
import PlanOptimizer
import Testing

/// Logical and physical plans convert to one `PlanTree`; its indent text is the indent
/// format, its paths are the ones `PlanDiff` gives, and a diff of trees equals the diff of
/// the plans they came from.
@Suite struct PlanTreeTests {
    static let queries = [
        "SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a ORDER BY a",
        "SELECT a FROM t WHERE a IN (SELECT b FROM t WHERE c = 'x') AND EXISTS (SELECT 1 FROM t u WHERE u.a = t.b)",
        "SELECT x.a, y.c FROM t x JOIN t y ON x.a = y.b WHERE y.c <> 'z' LIMIT 3",
    ]

    @Test(arguments: queries)
    func theTreeReadsAsTheIndentFormat(sql: String) throws {
        let session = try testSession()
        let plan = try session.optimize(try bound(sql)).final
        #expect(plan.planTree.indentText == IndentRenderer.render(plan))
        let paths = plan.planTree.flattened().map(\.path)
        #expect(Set(paths).count == paths.count, "paths are unique")
        // PlanDiff names the same paths.
        let diff = PlanDiff(from: plan, to: plan)
        #expect(diff.lines.compactMap(\.newPath) == paths)
        #expect(!diff.hasChanges)
    }

    @Test func aDiffOfTreesIsTheDiffOfThePlans() throws {
        let session = try testSession()
        let trace = try session.optimize(try bound(Self.queries[2]))
        let before = trace.initial, after = trace.final
        #expect(PlanDiff(from: before.planTree, to: after.planTree) == PlanDiff(from: before, to: after))
        #expect(PlanDiff(from: before, to: after).hasChanges)
    }

    @Test func aPhysicalPlanConvertsWithItsFigures() throws {
        let session = try testSession()
        let result = try session.query("SELECT a, count(*) FROM t GROUP BY a")
        let tree = try #require(result.physical?.planTree)
        let nodes = tree.flattened()
        #expect(nodes.contains { $0.node.kind.hasPrefix("HashAggregateExec") })
        let scan = try #require(nodes.first { $0.node.kind.hasPrefix("ScanExec") }?.node)
        #expect(scan.properties["table"] != nil)
        #expect(scan.properties["output_rows"] != nil)
        #expect(tree.relations == scan.relations)
    }
}
