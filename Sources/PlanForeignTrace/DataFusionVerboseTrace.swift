import PlanCore

/// DataFusion's `EXPLAIN VERBOSE` read as a trace. Its rows, in order:
///
/// ```
/// initial_logical_plan                    the bound plan (step 0)
/// logical_plan after <analyzer rule>      …  (phase analyzer)
/// analyzed_logical_plan                   the analyzer's result
/// logical_plan after <optimizer rule>     …  (phase logical; the rule list repeats per pass)
/// logical_plan                            the optimized plan
/// initial_physical_plan                   a step of its own: create_physical_plan
/// physical_plan after <rule>              …  (phase physical)
/// physical_plan                           the final plan
/// ```
///
/// `SAME TEXT AS ABOVE` stands for the row above's plan; `…_with_stats` and
/// `…_with_schema` rows draw a plan again with more detail and are not steps. A step
/// changed the plan when its plan differs from the plan before it. A trace without its
/// first row, with a physical rule before `initial_physical_plan`, or without the
/// `logical_plan` (or, after physical rows, `physical_plan`) row that closes a section is
/// refused with the line or section it lacks.
public enum DataFusionVerboseTrace {
    public static let engine = "DataFusion EXPLAIN VERBOSE"
    /// The step that turns the logical plan into the physical one (the
    /// `initial_physical_plan` row), named after DataFusion's planner call.
    public static let physicalPlanning = "create_physical_plan"

    /// Whether `text` looks like DataFusion's EXPLAIN output: its header and plan labels
    /// (a plain EXPLAIN is then refused, saying VERBOSE is needed).
    public static func recognizes(_ text: String) -> Bool {
        text.contains("initial_logical_plan") || (text.contains("plan_type") && text.contains("logical_plan"))
    }

    public static func read(_ text: String) throws(ForeignTraceError) -> ForeignTrace {
        let rows = try DataFusionRows(text).rows
        guard rows[0].label == "initial_logical_plan" else {
            throw ForeignTraceError(line: rows[0].line, "the first row is '\(rows[0].label)', not initial_logical_plan"
                                    + (rows[0].label == "logical_plan" ? " (EXPLAIN VERBOSE prints each rule's plan; EXPLAIN only the final plans)" : ""))
        }
        var initial: ParsedPlan?
        var steps: [(rule: String, phase: ForeignTrace.Phase, plan: ParsedPlan, line: Int)] = []
        var previousText: String?
        var before: String?
        var phase = ForeignTrace.Phase.analyzer
        var closedLogical = false, closedPhysical = false, sawPhysical = false
        // Most rows repeat the plan above (SAME TEXT AS ABOVE): parsed once.
        var last: (text: String, tree: PlanTree)?
        func parse(_ text: String, line: Int, changedFrom before: String? = nil) throws(ForeignTraceError) -> ParsedPlan {
            let tree: PlanTree
            if let last, last.text == text { tree = last.tree } else { tree = try DataFusionPlan.tree(text, firstLine: line) }
            last = (text, tree)
            return ParsedPlan(tree: tree, changed: before.map { $0 != text } ?? true)
        }
        for row in rows {
            var text = row.plan
            if text.trimmingSpaces() == "SAME TEXT AS ABOVE" {
                guard let previous = previousText else {
                    throw ForeignTraceError(line: row.line, "SAME TEXT AS ABOVE in the first row")
                }
                text = previous
            }
            previousText = text
            let label = row.label
            if label.hasSuffix("_with_stats") || label.hasSuffix("_with_schema") { continue }
            switch label {
            case "initial_logical_plan":
                guard initial == nil else { throw ForeignTraceError(line: row.line, "a second initial_logical_plan row") }
                initial = try parse(text, line: row.line)
                before = text
            case "analyzed_logical_plan":
                phase = .logical
                before = text
            case "logical_plan":
                closedLogical = true
                before = text
            case "initial_physical_plan":
                guard closedLogical else {
                    throw ForeignTraceError(line: row.line, "initial_physical_plan before the logical_plan row that ends the logical section")
                }
                sawPhysical = true
                phase = .physical
                steps.append((physicalPlanning, .physical, try parse(text, line: row.line), row.line))
                before = text
            case "physical_plan":
                guard sawPhysical else { throw ForeignTraceError(line: row.line, "physical_plan without initial_physical_plan") }
                closedPhysical = true
            case "physical_plan_error":
                throw ForeignTraceError(line: row.line, "DataFusion could not plan the query physically: \(text.prefix(200))")
            default:
                if let rule = label.dropPrefix("logical_plan after ") {
                    guard !closedLogical else {
                        throw ForeignTraceError(line: row.line, "'\(label)' after the logical_plan row that ends the logical section")
                    }
                    steps.append((rule, phase, try parse(text, line: row.line, changedFrom: before), row.line))
                } else if let rule = label.dropPrefix("physical_plan after ") {
                    guard sawPhysical else {
                        throw ForeignTraceError(line: row.line, "'\(label)' before initial_physical_plan")
                    }
                    steps.append((rule, .physical, try parse(text, line: row.line, changedFrom: before), row.line))
                } else {
                    throw ForeignTraceError(line: row.line, "unknown plan_type '\(label)'")
                }
                before = text
            }
        }
        guard let initial else { throw ForeignTraceError(line: 0, "no initial_logical_plan row") }
        guard closedLogical else {
            throw ForeignTraceError(line: 0, "no logical_plan row after line \(rows.last?.line ?? 0): the trace is cut short (the logical section is not closed)")
        }
        guard !sawPhysical || closedPhysical else {
            throw ForeignTraceError(line: 0, "no physical_plan row after line \(rows.last?.line ?? 0): the trace is cut short (the physical section is not closed)")
        }
        let passes = Passes(steps.filter { $0.phase == .logical }.map(\.rule))
        var logicalIndex = 0
        var out: [ForeignTrace.Step] = []
        for s in steps {
            let pass: Int
            switch s.phase {
            case .analyzer: pass = 0
            case .logical: pass = passes.pass(ofStep: logicalIndex); logicalIndex += 1
            case .physical: pass = passes.count + 1
            }
            out.append(ForeignTrace.Step(rule: s.rule, phase: s.phase, pass: pass, changed: s.plan.changed, plan: s.plan.tree, sourceLine: s.line))
        }
        return ForeignTrace(engine: engine, initial: initial.tree, steps: out)
    }
}

/// A step's plan parsed, and whether its text differs from the plan before it.
struct ParsedPlan {
    let tree: PlanTree
    let changed: Bool
}

/// The passes of a rule list that repeats (DataFusion's optimizer runs its rules in the
/// same order each pass, the last pass possibly cut short): the list's shortest period.
struct Passes {
    let period: Int
    let count: Int

    init(_ rules: [String]) {
        // n − π(n−1), with π the prefix function: linear, whatever the list.
        var prefix = Array(repeating: 0, count: rules.count)
        for i in rules.indices.dropFirst() {
            var k = prefix[i - 1]
            while k > 0, rules[i] != rules[k] { k = prefix[k - 1] }
            prefix[i] = rules[i] == rules[k] ? k + 1 : 0
        }
        period = max(1, rules.count - (prefix.last ?? 0))
        count = rules.isEmpty ? 0 : (rules.count + period - 1) / period
    }

    func pass(ofStep i: Int) -> Int { i / period + 1 }
}

extension String {
    /// The rest after `prefix`, or nil when the string does not start with it.
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
