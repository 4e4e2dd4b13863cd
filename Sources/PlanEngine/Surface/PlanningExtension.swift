import PlanCore
import PlanExec
import PlanProviders
import PlanSQL

/// One planner this planscope can put on the planning surface, whatever its kind.
public struct PlanningExtension: Sendable {
    public enum Planner: Sendable {
        case relation(any RelationPlanner)
        case expression(any ExpressionPlanner)
        case type(any TypePlanner)
    }

    public let planner: Planner

    public var kind: PlanningSurface.Kind {
        switch planner {
        case .relation: .relation
        case .expression: .expression
        case .type: .type
        }
    }

    public var name: String {
        switch planner {
        case .relation(let p): p.name
        case .expression(let p): p.name
        case .type(let p): p.name
        }
    }

    public var version: String {
        switch planner {
        case .relation(let p): p.version
        case .expression(let p): p.version
        case .type(let p): p.version
        }
    }

    public var summary: String {
        switch planner {
        case .relation(let p): p.summary
        case .expression(let p): p.summary
        case .type(let p): p.summary
        }
    }

    /// The syntax it provides: a FROM name, operators and function names, type names.
    public var provides: [String] {
        switch planner {
        case .relation(let p): [p.name]
        case .expression(let p): p.operators + p.functions
        case .type(let p): p.typeNames
        }
    }

    /// The setting that switches it on or off.
    public var setting: String { kind.setting(name) }

    /// Puts the planner on `surface`.
    func install(on surface: inout PlanningSurface) {
        switch planner {
        case .relation(let p): surface.add(p)
        case .expression(let p): surface.add(p)
        case .type(let p): surface.add(p)
        }
    }

    /// Every planner planscope has, in listing order. File-reading relation planners open
    /// files through `open` (the session's table factories).
    static func builtIn(open: @escaping @Sendable (String, String, [String: String]) throws -> any TableProvider) -> [PlanningExtension] {
        [
            PlanningExtension(planner: .relation(IntervalAlignPlanner())),
            PlanningExtension(planner: .relation(GenerateSeriesPlanner())),
            PlanningExtension(planner: .relation(ReadFilePlanner(format: "csv", open: open))),
            PlanningExtension(planner: .relation(ReadFilePlanner(format: "jsonl", open: open))),
            PlanningExtension(planner: .relation(ReadFilePlanner(format: "parquet", open: open))),
            PlanningExtension(planner: .relation(ParquetMetadataPlanner(open: open))),
            PlanningExtension(planner: .relation(CachesPlanner())),
            PlanningExtension(planner: .expression(JSONOperatorPlanner())),
            PlanningExtension(planner: .expression(SpanPlanner())),
            PlanningExtension(planner: .type(JSONTypePlanner())),
        ]
    }

    /// The built-in planners' kinds and names (for the settings that switch them).
    static let builtInNames: [(kind: PlanningSurface.Kind, name: String)] =
        builtIn(open: { _, _, _ in throw PlanError(.unsupported, "no files here") }).map { ($0.kind, $0.name) }
}
