import PlanCore
import PlanPipeline
import Testing

@Suite struct TaskGraphTests {
    static func spec(_ views: [(String, [String])], inputs: [String] = ["src"]) -> SemanticExecutionSpec {
        SemanticExecutionSpec(inputRelations: inputs.map { .init(logicalName: $0, format: .inline, columns: [("a", "INTEGER")]) },
                              viewDefinitions: views.map { .init(name: $0.0, sql: "SELECT 1", viewDependencies: $0.1) })
    }

    static func viewOrder(_ g: TaskGraph) -> [String] { g.order.filter { g.nodes[$0].kind == .view }.map { g.nodes[$0].name } }

    @Test func diamondOrderIsAlwaysTheSame() throws {
        // Declared in a scrambled order: the order only depends on names and edges.
        let g = try TaskGraph.build(Self.spec([("merged", ["left", "right"]), ("right", ["base"]), ("left", ["base"]), ("base", ["src"])]))
        #expect(Self.viewOrder(g) == ["base", "left", "right", "merged"])
        #expect(g.levelGroups.map { $0.map { g.nodes[$0].name } } == [["src"], ["base"], ["left", "right"], ["merged"]])
    }

    @Test func aThreeCycleIsNamedExactly() {
        #expect(throws: TaskGraphError.cycle(["a", "b", "c", "a"])) {
            try TaskGraph.build(Self.spec([("a", ["c"]), ("b", ["a"]), ("c", ["b"]), ("d", ["src"])]))
        }
        #expect(TaskGraphError.cycle(["b", "c", "b"]).description == "the views form a cycle: b → c → b")
        #expect(throws: TaskGraphError.cycle(["b", "c", "b"])) { try TaskGraph.build(Self.spec([("c", ["b"]), ("b", ["c"])])) }
    }

    @Test func aCycleBehindAValidPartIsStillFound() {
        // x → y → z → x, with a healthy chain beside it and a view downstream of the cycle.
        #expect(throws: TaskGraphError.cycle(["x", "y", "z", "x"])) {
            try TaskGraph.build(Self.spec([("p", ["src"]), ("q", ["p"]), ("x", ["z", "p"]), ("y", ["x"]), ("z", ["y"]), ("w", ["z"])]))
        }
    }

    @Test func criticalPathFollowsRowEstimatesNotNodeCounts() throws {
        // Two branches: a long chain of tiny views, and one view over a big input.
        let spec = Self.spec([("t1", ["small"]), ("t2", ["t1"]), ("t3", ["t2"]), ("heavy", ["big"]), ("end", ["t3", "heavy"])],
                             inputs: ["small", "big"])
        let g = try TaskGraph.build(spec)
        let rows: [String: Double] = ["small": 10, "big": 1_000_000]
        let path = g.criticalPath { n in n.kind == .input ? rows[n.name] ?? 0 : 1 }.path.map { g.nodes[$0].name }
        #expect(path == ["big", "heavy", "end"])
        // With unit costs the long chain would win.
        let unit = g.criticalPath { _ in 1 }.path.map { g.nodes[$0].name }
        #expect(unit == ["small", "t1", "t2", "t3", "end"])
    }

    @Test func outputsComeAfterTheirViews() throws {
        var spec = Self.spec([("v", ["src"])])
        spec.outputTargets = [.init(tableName: "a_out", sourceView: "v", format: .csv, location: "x.csv")]
        let g = try TaskGraph.build(spec)
        #expect(g.order.map { "\(g.nodes[$0].kind.rawValue):\(g.nodes[$0].name)" } == ["input:src", "view:v", "output:a_out"])
    }
}
