import PlanCore
import PlanOptimizer

/// A trace read from another engine's output: its plans as ``PlanCore/PlanTree``s, before
/// and after each rule, in the order the engine applied them. The parsers
/// (``DataFusionVerboseTrace``, ``SparkPlanChangeLog``) produce it; ``optimizerTrace``
/// turns it into the trace model planscope's commands and panes step through.
public struct ForeignTrace: Sendable, Equatable {
    /// Which part of the engine's planning a step belongs to.
    public enum Phase: String, Sendable, Equatable {
        /// Analyzer rules (name resolution, type coercion) before the optimizer.
        case analyzer
        /// Logical optimizer rules.
        case logical
        /// Turning the logical plan into a physical one, and physical optimizer rules.
        case physical
    }

    /// One rule application: the plan after it, and whether it changed the plan.
    public struct Step: Sendable, Equatable {
        /// The rule as the engine names it (`push_down_filter`,
        /// `org.apache.spark.sql.catalyst.optimizer.ColumnPruning`).
        public let rule: String
        public let phase: Phase
        /// The optimizer pass (DataFusion: 1 for the first, analyzer steps 0; Spark: the
        /// batch's number in the log).
        public let pass: Int
        public let changed: Bool
        public let plan: PlanTree
        /// The line of the trace where the step's plan starts.
        public let sourceLine: Int
        /// The batch of rules the step ran in (Spark's batches), if the engine names it.
        public let batch: String?

        public init(rule: String, phase: Phase, pass: Int, changed: Bool, plan: PlanTree, sourceLine: Int, batch: String? = nil) {
            self.rule = rule
            self.phase = phase
            self.pass = pass
            self.changed = changed
            self.plan = plan
            self.sourceLine = sourceLine
            self.batch = batch
        }
    }

    /// `DataFusion EXPLAIN VERBOSE`, `Spark plan change log`.
    public let engine: String
    public let initial: PlanTree
    public let steps: [Step]

    public init(engine: String, initial: PlanTree, steps: [Step]) {
        self.engine = engine
        self.initial = initial
        self.steps = steps
    }

    /// The plan after the last step (the initial plan when there are none).
    public var final: PlanTree { steps.last?.plan ?? initial }

    /// The rules that changed the plan, in order (a rule once per change).
    public var changedRules: [String] { steps.filter(\.changed).map(\.rule) }

    /// The trace planscope's `\trace`, `\step`, `\next`, `\prev`, lineage and the TUI's
    /// trace pane read: each plan as ``ForeignPlanNode``s, each step's phase (and batch) as
    /// its note, the trace's `engine` set (no rulepack, no times). A rule
    /// named by its class (Spark's `org.apache.spark.sql.catalyst.optimizer.ColumnPruning`)
    /// is shown by the class's own name (`ColumnPruning`), as lists have room for.
    public var optimizerTrace: OptimizerTrace {
        let traced = steps.map { s in
            OptimizerTrace.Step(pass: s.pass, index: 0, rule: s.rule.split(separator: ".").last.map(String.init) ?? s.rule, changed: s.changed,
                                elapsedNanos: 0,
                                plan: ForeignPlanNode.plan(s.plan), note: s.phase.rawValue + (s.batch.map { ": " + $0 } ?? ""))
        }
        return OptimizerTrace(initial: ForeignPlanNode.plan(initial), steps: traced, final: traced.last?.plan ?? ForeignPlanNode.plan(initial),
                              passes: steps.map(\.pass).max() ?? 0, reachedFixpoint: true, totalNanos: 0, rulepack: "", rulepackFingerprint: "",
                              engine: engine)
    }
}
