import PlanCore

/// An analyzed physical plan read for where the time went: each operator's own (self)
/// time, its share of the query's work, and how far its row estimate was off. Operators
/// count their time including their inputs' (a stream's `next()` pulls its input), summed
/// over the workers that ran them; self time is an operator's count less its inputs'
/// counts (never below zero), so the self times add up to the work done and the shares
/// to 100%. The query's wall time is shown apart (parallel work makes the sum larger).
///
/// The one place these figures are made: `EXPLAIN ANALYZE`'s JSON, the REPL's and the
/// CLI's tree and the TUI's Analyze view all read them from here.
public struct AnalyzeProfile: Hashable, Sendable {
    /// One operator, in the plan's pre-order (a parent before its inputs).
    public struct Operator: Hashable, Sendable {
        public let name: String
        public let detail: String
        public let depth: Int
        /// Tree drawing for the line: `├─ `, `│  └─ ` … (empty for the root).
        public let prefix: String
        public let rows: Int
        public let estimatedRows: Int?
        public let batches: Int
        public let peakBytes: Int
        /// Bytes it wrote to spill files.
        public let spilledBytes: Int
        /// The operator's own nanoseconds (its count less its inputs').
        public let selfNanos: UInt64
        /// Its count, its inputs' time included.
        public let totalNanos: UInt64
        /// `selfNanos` ÷ the sum of every operator's self time (0 when nothing was timed).
        public let share: Double
        /// max((a+1)/(e+1), (e+1)/(a+1)): 1 when the estimate was right; nil without one.
        public let misestimate: Double?

        /// Each thread's part (worker 0 is the query's calling thread), by worker number;
        /// empty when the operator produced nothing.
        public let workers: [Worker]
        /// The busiest worker's self time over the mean of the workers' (1: even work;
        /// 2: one did twice its share); nil when fewer than two threads ran the operator.
        public let skew: Double?

        /// At least ``AnalyzeProfile/misestimateWarning`` times off.
        public var badlyEstimated: Bool { (misestimate ?? 1) >= AnalyzeProfile.misestimateWarning }
    }

    /// One thread's part of an operator's work.
    public struct Worker: Hashable, Sendable {
        /// ``ExecutionRuntime/workerNumber`` of the thread (0: the query's calling thread).
        public let worker: Int
        public let rows: Int
        public let batches: Int
        /// The thread's count less its inputs' counts on the same thread, never below zero.
        public let selfNanos: UInt64
    }

    /// An estimate this many times off (either way) is flagged.
    public static let misestimateWarning = 10.0

    public let operators: [Operator]
    /// Σ self time: the work the operators did, summed over workers.
    public let totalSelfNanos: UInt64

    /// Nil when the plan has not run.
    public init?(_ plan: PhysicalPlanSnapshot) {
        guard plan.metrics != nil else { return nil }
        var flat: [(PhysicalPlanSnapshot, Int, String, UInt64)] = []
        func walk(_ op: PhysicalPlanSnapshot, depth: Int, prefix: String, childPrefix: String) {
            flat.append((op, depth, prefix, Self.selfNanos(op)))
            for (i, c) in op.children.enumerated() {
                let last = i == op.children.count - 1
                walk(c, depth: depth + 1, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "))
            }
        }
        walk(plan, depth: 0, prefix: "", childPrefix: "")
        let total = flat.reduce(UInt64(0)) { $0 + $1.3 }
        totalSelfNanos = total
        operators = flat.map { op, depth, prefix, own in
            let m = op.metrics
            return Operator(name: op.name, detail: op.detail, depth: depth, prefix: prefix, rows: m?.outputRows ?? 0,
                            estimatedRows: op.estimatedRows, batches: m?.outputBatches ?? 0, peakBytes: m?.peakBytes ?? 0,
                            spilledBytes: m?.spilledBytes ?? 0, selfNanos: own, totalNanos: m?.elapsedNanos ?? 0,
                            share: total == 0 ? 0 : Double(own) / Double(total),
                            misestimate: op.estimatedRows.map { Self.misestimate(actual: m?.outputRows ?? 0, estimated: $0) },
                            workers: Self.workers(op), skew: Self.skew(Self.workers(op)))
        }
    }

    /// An operator's figures per thread: each thread's count less what its inputs counted
    /// on the same thread (a morsel runs through a pipeline's stages on one thread).
    public static func workers(_ op: PhysicalPlanSnapshot) -> [Worker] {
        guard let m = op.metrics else { return [] }
        var inputs: [Int: UInt64] = [:]
        for c in op.children { for w in c.metrics?.workers ?? [] { inputs[w.worker, default: 0] &+= w.elapsedNanos } }
        return m.workers.map { w in
            let under = inputs[w.worker] ?? 0
            return Worker(worker: w.worker, rows: w.rows, batches: w.batches, selfNanos: w.elapsedNanos > under ? w.elapsedNanos - under : 0)
        }
    }

    /// max ÷ mean of the workers' self times; nil for fewer than two workers or no time.
    public static func skew(_ workers: [Worker]) -> Double? {
        guard workers.count >= 2 else { return nil }
        let total = workers.reduce(UInt64(0)) { $0 &+ $1.selfNanos }
        guard total > 0, let most = workers.map(\.selfNanos).max() else { return nil }
        return Double(most) / (Double(total) / Double(workers.count))
    }

    /// An operator's count less its inputs' counts, never below zero.
    public static func selfNanos(_ op: PhysicalPlanSnapshot) -> UInt64 {
        let own = op.metrics?.elapsedNanos ?? 0
        let inputs = op.children.reduce(UInt64(0)) { $0 &+ ($1.metrics?.elapsedNanos ?? 0) }
        return own > inputs ? own - inputs : 0
    }

    /// max((a+1)/(e+1), (e+1)/(a+1)).
    public static func misestimate(actual: Int, estimated: Int) -> Double {
        let a = Double(max(0, actual)) + 1, e = Double(max(0, estimated)) + 1
        return max(a / e, e / a)
    }

    /// The operator with the largest self time (the first of equals).
    public var slowest: Int? {
        operators.indices.max { operators[$0].selfNanos < operators[$1].selfNanos || (operators[$0].selfNanos == operators[$1].selfNanos && $0 > $1) }
    }

    /// Operators by self time, largest first (plan order among equals).
    public var bySelfTime: [Int] {
        operators.indices.sorted { operators[$0].selfNanos != operators[$1].selfNanos ? operators[$0].selfNanos > operators[$1].selfNanos : $0 < $1 }
    }
}

/// The Analyze tree as text, the same columns the TUI's Analyze view draws: per operator
/// the self time, a bar of its share, the share, rows against the estimate (with the
/// factor, `!` when ≥ 10×), batches, memory and, run by several threads, their skew; the
/// wall time and Σ self apart.
public enum AnalyzeTreeRenderer {
    /// Cells of one operator's line, each its own column.
    public struct Columns: Sendable {
        public let time: String
        public let bar: String
        public let share: String
        public let rows: String
        public let estimate: String
        public let batches: String
        public let memory: String
        /// `3 threads, skew 1.02×` when two or more threads ran it (empty otherwise).
        public let threads: String
    }

    public static let barWidth = 10

    /// `12.34 ms`, `850 µs`.
    public static func duration(_ nanos: UInt64) -> String {
        let ms = Double(nanos) / 1e6
        if ms >= 100 { return String(format: "%.0f ms", ms) }
        if ms >= 1 { return String(format: "%.2f ms", ms) }
        return String(format: "%.0f µs", Double(nanos) / 1e3)
    }

    /// A bar `width` cells long, filled in eighths: `█████▍    `.
    public static func bar(_ share: Double, width: Int = barWidth, ascii: Bool = false) -> String {
        let eighths = Int((max(0, min(1, share)) * Double(width * 8)).rounded())
        if ascii { return String(repeating: "#", count: eighths / 8) + String(repeating: " ", count: width - eighths / 8) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let full = String(repeating: "█", count: eighths / 8)
        return full + partial + String(repeating: " ", count: width - eighths / 8 - (partial.isEmpty ? 0 : 1))
    }

    /// With `partial` (a run's figures so far), the estimate without its factor: rows
    /// still to come would make it wrong.
    public static func columns(_ op: AnalyzeProfile.Operator, ascii: Bool = false, partial: Bool = false) -> Columns {
        var estimate = ""
        if let e = op.estimatedRows, let f = op.misestimate {
            estimate = "est \(grouped(e))" + (f >= 1.5 && !partial ? String(format: " %@%.0f×", f >= AnalyzeProfile.misestimateWarning ? "!" : "", f) : "")
        }
        return Columns(time: duration(op.selfNanos), bar: bar(op.share, ascii: ascii), share: String(format: "%5.1f%%", op.share * 100),
                       rows: grouped(op.rows) + (op.rows == 1 ? " row" : " rows"), estimate: estimate,
                       batches: "\(op.batches) batch" + (op.batches == 1 ? "" : "es"),
                       memory: [op.peakBytes > 0 ? bytes(op.peakBytes) : "", op.spilledBytes > 0 ? "spilled " + bytes(op.spilledBytes) : ""]
                        .filter { !$0.isEmpty }.joined(separator: " · "),
                       threads: op.skew.map { String(format: "%d threads, skew %.2f×", op.workers.count, $0) } ?? "")
    }

    /// The title line: rows, wall time and Σ self.
    public static func summary(_ profile: AnalyzeProfile, rows: Int, wallNanos: UInt64?) -> String {
        var parts = [grouped(rows) + (rows == 1 ? " row" : " rows")]
        if let wallNanos { parts.append("wall " + duration(wallNanos)) }
        parts.append("Σ self " + duration(profile.totalSelfNanos) + " (CPU over workers)")
        return parts.joined(separator: " · ")
    }

    /// The whole tree: a summary line, then one line per operator (name and detail cut at
    /// `nameWidth`), columns aligned.
    public static func render(_ profile: AnalyzeProfile, rows: Int, wallNanos: UInt64?, nameWidth: Int = 48) -> String {
        var lines = ["Analyze: " + summary(profile, rows: rows, wallNanos: wallNanos)]
        lines.append(pad("operator", nameWidth) + "  " + pad("self", 9, left: true) + "  " + pad("share", barWidth + 7) + "  rows")
        for op in profile.operators {
            let c = columns(op)
            let label = op.prefix + op.name + (op.detail.isEmpty ? "" : ": " + op.detail)
            var line = pad(cut(label, nameWidth), nameWidth) + "  " + pad(c.time, 9, left: true) + "  " + c.bar + " " + c.share + "  " + c.rows
            for extra in [c.estimate, c.batches, c.memory, c.threads] where !extra.isEmpty { line += " · " + extra }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func cut(_ s: String, _ width: Int) -> String { s.count <= width ? s : String(s.prefix(max(0, width - 1))) + "…" }

    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }

    static func bytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return String(format: "%.1f KB", Double(n) / 1024) }
        return String(format: "%.1f MB", Double(n) / 1024 / 1024)
    }
}
