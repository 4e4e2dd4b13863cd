import Foundation
import PlanEngine
import PlanExec
import PlanOptimizer
import PlanPipeline
import PlanCore
import PlanscopeCommands
import PlanscopeTUI
import PlanTesting
import Testing

/// Builds TUI states from a real session and the demo pipeline, and compares rendered
/// frames with golden snapshots (text and roles) in `Snapshots/`.
enum Support {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The demo pipeline loaded in a session, and a state showing it at `width`×`height`
    /// with the first view inspected.
    static func demoState(width: Int, height: Int) throws -> (AppState, Session, LoadedPipeline) {
        let session = Session()
        let pipeline = try session.loadPipeline(file: root.appendingPathComponent("examples/demo/pipeline.json").path)
        var state = AppState(width: width, height: height, header: Workspace.header(session, source: "examples/demo/pipeline.json"))
        _ = state.update(.opened(Opening(commands: CommandState(pipeline: pipeline), pipeline: Workspace.model(pipeline, name: "examples/demo/pipeline.json"),
                                         manifestDiff: Workspace.defaultManifestDiff(session), manifestTitle: AppState.defaultManifestTitle,
                                         history: [], ascii: false)), env: Environment())
        return (state, session, pipeline)
    }

    /// A pipeline with a view named `query` (and one named `other` reading it).
    static func queryViewPipeline(_ session: Session) throws -> LoadedPipeline {
        let json = """
            {"version": 1,
             "input_relations": [{"logical_name": "nums", "format": "inline", "columns": [{"name": "n", "type": "INTEGER"}],
                                  "rows": [[1], [2], [3]]}],
             "view_definitions": [{"name": "query", "sql": "SELECT n FROM nums WHERE n > 1", "view_dependencies": ["nums"]},
                                  {"name": "other", "sql": "SELECT n FROM query", "view_dependencies": ["query"]}]}
            """
        return try session.loadPipeline(try SpecParser.parse(json, baseDirectory: NSTemporaryDirectory()))
    }

    /// Runs the effects a state asks for, synchronously, as the app does on its tasks.
    static func perform(_ effects: [Effect], on state: inout AppState, session: Session, pipeline: LoadedPipeline) throws {
        for effect in effects {
            switch effect {
            case .refreshSession:
                let changed = state.update(.sessionChanged(header: Workspace.header(session, source: state.header.source),
                                                           manifest: Workspace.defaultManifestDiff(session)), env: Environment())
                try perform(changed, on: &state, session: session, pipeline: pipeline)
            case .inspect(let subject, let analyze):
                var plan: LogicalPlan
                switch subject {
                case .view(let name):
                    guard let p = state.commands.pipeline?.plans[name] ?? pipeline.plans[name] else { continue }
                    plan = p
                case .query(let sql):
                    plan = try session.logicalPlan(sql)
                    if case .explain(let e) = plan { plan = e.plan }
                case .imported(let file):
                    guard let imported = state.commands.imported, imported.source == file else { continue }
                    plan = imported.plan
                }
                let inspection = stable(try session.inspection(of: plan, analyze: analyze))
                _ = state.update(.inspected(subject: subject, inspection), env: Environment())
                if analyze { _ = state.update(.finished, env: Environment()) }
            default: continue
            }
        }
    }

    /// The inspection with every time set to zero, so frames are the same on every run.
    static func stable(_ i: PlanInspection) -> PlanInspection {
        let t = i.trace
        let steps = t.steps.map { OptimizerTrace.Step(pass: $0.pass, index: $0.index, rule: $0.rule, changed: $0.changed, elapsedNanos: 0,
                                                      plan: $0.plan, skippedBecause: $0.skippedBecause) }
        let trace = OptimizerTrace(initial: t.initial, steps: steps, final: t.final, passes: t.passes, reachedFixpoint: t.reachedFixpoint,
                                   totalNanos: 0, rulepack: t.rulepack, rulepackFingerprint: t.rulepackFingerprint)
        func zero(_ p: PhysicalPlanSnapshot) -> PhysicalPlanSnapshot {
            var copy = p
            copy.metrics?.elapsedNanos = 0
            copy.children = p.children.map(zero)
            return copy
        }
        return PlanInspection(trace: trace, physical: zero(i.physical), pushdown: i.pushdown, warnings: i.warnings, rows: i.rows,
                              elapsed: i.elapsed.map { _ in 0 })
    }

    static func press(_ keys: [Key], on state: inout AppState, session: Session, pipeline: LoadedPipeline) throws {
        for key in keys { try perform(state.update(.key(key), env: Environment()), on: &state, session: session, pipeline: pipeline) }
    }

    /// The frame as text with each row's roles below it (`Role.letter` per cell).
    static func snapshot(_ frame: Frame) -> String {
        let text = frame.grid.lines, styles = frame.grid.styleLines
        return zip(text, styles).map { "\($0)\n\($1)" }.joined(separator: "\n") + "\n"
    }

    /// Compares with `Snapshots/NAME.txt` (PlanTesting's `expectGolden`: a missing file is
    /// written and fails, `PLANSCOPE_UPDATE_FIXTURES=1` rewrites it).
    static func assertSnapshot(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectGolden(snapshot(frame), at: snapshots.appendingPathComponent(name + ".txt"), sourceLocation: sourceLocation)
    }
}
