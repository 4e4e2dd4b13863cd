import PlanCore
import PlanForeignTrace
import PlanManifest
import PlanOptimizer
import Testing

/// The tree diff of chosen steps names the nodes that changed — expectations checked by
/// hand against the fixtures' plans.
@Suite struct StepDiffTests {
    func diff(_ trace: ForeignTrace, step: Int) throws -> PlanDiff {
        try #require(trace.optimizerTrace.diff(fromStep: step - 1, toStep: step))
    }

    func lines(_ diff: PlanDiff, _ mark: PlanDiff.Mark) -> [String] {
        diff.lines.filter { $0.mark == mark }.map(\.text)
    }

    /// Q3, DataFusion's push_down_filter (pass 1): the Filter over the joins goes, each
    /// conjunct lands in a Filter over its scan and in the scan's partial_filters.
    @Test func dataFusionPushDownFilterMovesEachConjunctToItsScan() throws {
        let trace = try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q03.txt"))
        #expect(trace.steps[21].rule == "push_down_filter" && trace.steps[21].pass == 1 && trace.steps[21].changed)
        let d = try diff(trace, step: 22)
        #expect(lines(d, .removed) == [#"Filter: customer.c_mktsegment = Utf8View("BUILDING") AND orders.o_orderdate < Date32("1995-03-15") AND lineitem.l_shipdate > Date32("1995-03-15")"#])
        #expect(lines(d, .added) == [#"Filter: customer.c_mktsegment = Utf8View("BUILDING")"#, #"Filter: orders.o_orderdate < Date32("1995-03-15")"#,
                                     #"Filter: lineitem.l_shipdate > Date32("1995-03-15")"#])
        #expect(lines(d, .changed).map { $0.prefix { $0 != "," } } == ["TableScan: customer", "TableScan: orders", "TableScan: lineitem"])
        #expect(d.moves.map(\.to) == ["TableScan: customer", "TableScan: orders", "TableScan: lineitem"])
        #expect(d.moves.map(\.from) == ["Filter", "Filter", "Filter"])
    }

    /// Q3, the physical ProjectionPushdown: the four ProjectionExecs go into the joins and
    /// filters below them, as their `projection=[…]`.
    @Test func dataFusionProjectionPushdownFoldsProjectionsIntoJoinsAndFilters() throws {
        let trace = try DataFusionVerboseTrace.read(TraceFixtures.text("datafusion", "q03.txt"))
        let n = try #require(trace.steps.indices.last { trace.steps[$0].rule == "ProjectionPushdown" && trace.steps[$0].changed }) + 1
        #expect(trace.steps[n - 1].phase == .physical)
        let d = try diff(trace, step: n)
        #expect(lines(d, .removed).allSatisfy { $0.hasPrefix("ProjectionExec: ") } && lines(d, .removed).count == 4)
        #expect(lines(d, .changed).map { String($0.prefix { $0 != ":" }) } == ["HashJoinExec", "HashJoinExec", "FilterExec", "FilterExec"])
        #expect(lines(d, .changed).allSatisfy { $0.contains("projection=[") })
        #expect(lines(d, .added).isEmpty)
    }

    /// Q1, Spark's ColumnPruning adds one Project under the Aggregate; InferFiltersFromConstraints
    /// changes the Filter, adding `isnotnull(l_shipdate#80)`.
    @Test func sparkColumnPruningAndInferredFilter() throws {
        let trace = try SparkPlanChangeLog.read(TraceFixtures.text("spark", "q01.log"))
        let pruning = try #require(trace.steps.firstIndex { $0.rule.hasSuffix("optimizer.ColumnPruning") }) + 1
        let d = try diff(trace, step: pruning)
        #expect(lines(d, .added) == ["Project [l_quantity#74, l_extendedprice#75, l_discount#76, l_tax#77, l_returnflag#78, l_linestatus#79]"])
        #expect(lines(d, .removed).isEmpty && lines(d, .changed).isEmpty)
        #expect(d.lines.first { $0.mark == .added }?.newPath == "0/0/0")

        let infer = try #require(trace.steps.firstIndex { $0.rule.hasSuffix("InferFiltersFromConstraints") }) + 1
        let f = try diff(trace, step: infer)
        #expect(lines(f, .changed) == ["Filter (isnotnull(l_shipdate#80) AND (l_shipdate#80 <= 1998-09-02))"])
        #expect(trace.steps[infer - 1].plan.flattened().map(\.node).first { $0.kind == "Filter" }?.predicates
                == ["isnotnull(l_shipdate#80)", "l_shipdate#80 <= 1998-09-02"])
        #expect(trace.steps[infer - 1].phase == .logical)
    }

    /// Spark's physical planning, logged by no rule, is a step of its own: the scan becomes
    /// a FileScan and the Aggregate two HashAggregates.
    @Test func sparkPhysicalPlanningIsAStepBetweenLoggedRules() throws {
        let trace = try SparkPlanChangeLog.read(TraceFixtures.text("spark", "q01.log"))
        let k = try #require(trace.steps.firstIndex { $0.rule == SparkPlanChangeLog.between }) + 1
        #expect(trace.steps[k - 1].phase == .physical)
        let d = try diff(trace, step: k)
        #expect(lines(d, .added).map { String($0.prefix { $0 != "(" }) } == ["HashAggregate", "HashAggregate"])
        #expect(lines(d, .changed).contains { $0.hasPrefix("FileScan parquet spark_catalog.default.lineitem[") })
    }

    /// Subqueries in Spark's expressions (Q16's NOT IN) hang under their node as subqueries.
    @Test func sparkSubqueryIsASubqueryChild() throws {
        let trace = try SparkPlanChangeLog.read(TraceFixtures.text("spark", "q16.log"))
        let filter = try #require(trace.initial.flattened().first { $0.node.kind == "Filter" })
        #expect(filter.node.children.first?.edge == .subquery)
        #expect(filter.node.children.first?.line == "'Project ['s_suppkey]")
        #expect(filter.node.children.last?.edge == .input)
    }
}
