import PlanCore

/// Spark's plan change log (`spark.sql.planChangeLog.level`), as pyspark writes it to its
/// log, read as a trace. The `PlanChangeLogger`'s messages:
///
/// ```
/// === Applying Rule <rule> ===               a rule that changed the plan: the plan
///  Project [...]        Project [...]        before and after it side by side, `!` on
/// !+- Filter (...)      +- Relation ...      lines that differ (then `Output Information:`)
/// === Result of Batch <batch> ===            the batch's first and last plan: closes it
/// === Metrics of Executed Rules <executor> === closes the executor's run (analyzer,
///                                            optimizer, physical preparations)
/// Batch <batch> has no effect.               (skipped)
/// ```
///
/// Each `Applying Rule` block is a step, in the batch its `Result of Batch` names; its
/// phase comes from the executor whose metrics close it (the session's first anonymous
/// executor, `$$anon$1`, is the analyzer; `PhysicalRuleExecutor`, physical; the rest,
/// logical). Where a block's plan before differs from the plan after the step before it
/// (physical planning between the optimizer and the physical rules, a subquery analyzed on
/// its own), a step named ``between`` carries the log's plan, so each step's diff is the
/// rule's own. A block without plans, a rule whose batch has no `Result of Batch`, or
/// steps after the last `Metrics of Executed Rules` are refused with the line.
public enum SparkPlanChangeLog {
    public static let engine = "Spark plan change log"
    /// The step that stands for a plan change the log shows no rule for.
    public static let between = "(plan changed between logged rules)"

    public static func recognizes(_ text: String) -> Bool {
        text.contains("=== Applying Rule ") || text.contains("PlanChangeLogger")
    }

    struct Block {
        enum Kind { case rule, batch, metrics }
        let kind: Kind
        let name: String
        /// The header's line (1-based).
        let line: Int
        let body: [Substring]
    }

    public static func read(_ text: String) throws(ForeignTraceError) -> ForeignTrace {
        let blocks = try self.blocks(text)
        var initial: PlanTree?
        var current: (tree: PlanTree, text: [Substring])?
        // Steps waiting for their batch's result, then for their executor's metrics.
        var pendingBatch: [(rule: String, tree: PlanTree, line: Int)] = []
        var pendingExecutor: [(rule: String, tree: PlanTree, line: Int, batch: String, pass: Int)] = []
        var steps: [ForeignTrace.Step] = []
        var batchNumber = 0
        for block in blocks {
            switch block.kind {
            case .rule:
                let (before, after) = try SideBySide.split(block.body, firstLine: block.line + 1)
                guard !before.lines.isEmpty, !after.lines.isEmpty else {
                    throw ForeignTraceError(line: block.line, "rule \(block.name): the block has no plans before and after it")
                }
                let beforeTree = try SparkPlan.tree(before.lines, firstLine: block.line + 1)
                let afterTree = try SparkPlan.tree(after.lines, firstLine: block.line + 1)
                if let c = current, c.text != before.lines {
                    pendingBatch.append((between, beforeTree, block.line))
                } else if current == nil {
                    initial = beforeTree
                }
                pendingBatch.append((block.name, afterTree, block.line))
                current = (afterTree, after.lines)
            case .batch:
                batchNumber += 1
                pendingExecutor += pendingBatch.map { ($0.rule, $0.tree, $0.line, block.name, batchNumber) }
                pendingBatch = []
            case .metrics:
                if let open = pendingBatch.first {
                    throw ForeignTraceError(line: open.line, "rule \(open.rule)'s batch has no '=== Result of Batch' before the executor's metrics")
                }
                let phase: ForeignTrace.Phase = block.name.hasSuffix("$$anon$1") || block.name.contains("Analyzer") ? .analyzer
                    : block.name.contains("PhysicalRuleExecutor") ? .physical : .logical
                for p in pendingExecutor {
                    steps.append(ForeignTrace.Step(rule: p.rule, phase: phase, pass: p.pass, changed: true, plan: p.tree, sourceLine: p.line, batch: p.batch))
                }
                pendingExecutor = []
            }
        }
        if let open = pendingBatch.first ?? pendingExecutor.first.map({ ($0.rule, $0.tree, $0.line) }) {
            throw ForeignTraceError(line: open.line, "the log ends before rule \(open.rule)'s "
                                    + (pendingBatch.isEmpty ? "executor's '=== Metrics of Executed Rules'" : "'=== Result of Batch'")
                                    + ": it is cut short")
        }
        guard let initial else { throw ForeignTraceError(line: 0, "no '=== Applying Rule' block: the log shows no plan change") }
        return ForeignTrace(engine: engine, initial: initial, steps: steps)
    }

    /// The log's `=== … ===` blocks with their lines up to the next log line or block.
    static func blocks(_ text: String) throws(ForeignTraceError) -> [Block] {
        var blocks: [Block] = []
        var open: (kind: Block.Kind, name: String, line: Int, body: [Substring])?
        func close() {
            if let o = open { blocks.append(Block(kind: o.kind, name: o.name, line: o.line, body: o.body)) }
            open = nil
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("=== "), line.hasSuffix(" ===") {
                close()
                let title = line.dropFirst(4).dropLast(4)
                for (prefix, kind) in [("Applying Rule ", Block.Kind.rule), ("Result of Batch ", .batch), ("Metrics of Executed Rules ", .metrics)]
                where title.hasPrefix(prefix) {
                    open = (kind, String(title.dropFirst(prefix.count)), i + 1, [])
                }
                if open == nil { throw ForeignTraceError(line: i + 1, "unknown plan change log block '\(title)'") }
            } else if isLogLine(line) {
                close()
            } else if open != nil {
                open?.body.append(line)
            }
        }
        close()
        return blocks
    }

    /// A logger's line (`26/12/07 15:01:00 WARN PlanChangeLogger: …`, or an ISO date): it
    /// ends the block before it.
    static func isLogLine(_ line: Substring) -> Bool {
        let digits = line.prefix(19).map { $0.isNumber }
        return digits.count >= 17 && digits[0] && digits[1] && !digits[2] && (line.contains(" PlanChangeLogger") || line.contains(" WARN ")
            || line.contains(" INFO ") || line.contains(" ERROR ") || line.contains(" DEBUG ") || line.contains(" TRACE "))
    }
}
