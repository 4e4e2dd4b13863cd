import PlanCore

/// A physical plan as a value: each operator's name, details and (after a run) its
/// metrics. Operators are objects with counters; front ends get this copy instead, so a
/// result can be kept, compared and shown from any thread.
public struct PhysicalPlanSnapshot: Hashable, Sendable {
    /// Counters of one operator after a run.
    public struct Metrics: Hashable, Sendable {
        public var outputRows: Int
        public var outputBatches: Int
        /// Nanoseconds in the operator's `next()`, including its inputs.
        public var elapsedNanos: UInt64
        /// Largest number of bytes held at once (materializing operators).
        public var peakBytes: Int
        /// Bytes written to spill files (a sort's runs, an aggregation's partitions).
        public var spilledBytes: Int = 0
        /// The same counts per thread that did some of the work (skew), by worker number
        /// (``ExecutionRuntime/workerNumber``: 0 is the query's calling thread).
        public var workers: [Worker] = []
        /// A scan's units read and pruned and bytes read against the files' size
        /// (``ScanStatistics/summary``), when it pruned or reads Parquet; else empty.
        public var scanned = ""

        /// One thread's part of an operator's counts.
        public struct Worker: Hashable, Sendable {
            public var worker: Int
            public var rows = 0
            public var batches = 0
            /// Nanoseconds this thread spent in the operator, its inputs' time included.
            public var elapsedNanos: UInt64 = 0

            public init(worker: Int, rows: Int = 0, batches: Int = 0, elapsedNanos: UInt64 = 0) {
                self.worker = worker
                self.rows = rows
                self.batches = batches
                self.elapsedNanos = elapsedNanos
            }
        }

        public init(outputRows: Int, outputBatches: Int, elapsedNanos: UInt64, peakBytes: Int, spilledBytes: Int = 0,
                    workers: [Worker] = []) {
            self.outputRows = outputRows
            self.outputBatches = outputBatches
            self.elapsedNanos = elapsedNanos
            self.peakBytes = peakBytes
            self.spilledBytes = spilledBytes
            self.workers = workers
        }

        public var elapsedMillis: Double { Double(elapsedNanos) / 1e6 }
    }

    public var name: String
    public var detail: String
    /// The planner's row estimate (``PlanCore/LogicalPlan/estimatedRows``), rounded.
    public var estimatedRows: Int?
    /// Nil when the plan has not run.
    public var metrics: Metrics?
    public var children: [PhysicalPlanSnapshot]

    /// Copies `op` and its inputs; with `executed`, their metrics too.
    public init(_ op: any PhysicalOperator, executed: Bool) {
        name = op.name
        detail = op.detail
        let m = op.metrics
        estimatedRows = m.estimatedRows.map { Int($0.rounded()) }
        metrics = executed ? m.snapshot : nil
        // Shown where the provider skipped data or reads files that can be skipped (Parquet).
        if executed, let scan = op as? ScanExec, scan.statistics.fileBytes > 0 || scan.statistics.units.contains(where: { $0.pruned > 0 }) {
            metrics?.scanned = scan.statistics.summary
        }
        children = op.children.map { PhysicalPlanSnapshot($0, executed: executed) }
    }

    /// Rows the root produced (nil before a run).
    public var outputRows: Int? { metrics?.outputRows }
}

/// The physical plan as indented text (with metrics after a run) or JSON.
public enum PhysicalPlanRenderer {
    public static func render(_ plan: PhysicalPlanSnapshot) -> String {
        var lines: [String] = []
        func walk(_ o: PhysicalPlanSnapshot, _ depth: Int) {
            var line = String(repeating: "  ", count: depth) + o.name
            if !o.detail.isEmpty { line += ": " + o.detail }
            if let m = o.metrics {
                line += ", metrics=[output_rows=\(m.outputRows)"
                if let e = o.estimatedRows { line += ", estimated_rows=\(e)" }
                line += ", output_batches=\(m.outputBatches), elapsed=\(format(m.elapsedMillis))ms"
                if m.peakBytes > 0 { line += ", peak_mem=\(m.peakBytes)B" }
                if m.spilledBytes > 0 { line += ", spilled_bytes=\(m.spilledBytes)" }
                if !m.scanned.isEmpty { line += ", " + m.scanned }
                line += "]"
            } else if let e = o.estimatedRows {
                line += ", estimated_rows=\(e)"
            }
            lines.append(line)
            for c in o.children { walk(c, depth + 1) }
        }
        walk(plan, 0)
        return lines.joined(separator: "\n")
    }

    /// The physical plan as JSON; after a run, each operator's counters (rows, batches,
    /// elapsed milliseconds including inputs, peak bytes held) and its ``AnalyzeProfile``
    /// figures: `self_ns` (its own time), `share` (of Σ self) and `misestimate`; `workers`,
    /// the same per thread that ran it (`worker`, `rows`, `batches`, `elapsed_ns`, `self_ns`),
    /// and `skew` (the busiest worker's self time over the mean) when two or more did.
    public static func json(_ plan: PhysicalPlanSnapshot) -> JSONValue {
        json(plan, totalSelf: AnalyzeProfile(plan)?.totalSelfNanos ?? 0)
    }

    static func json(_ plan: PhysicalPlanSnapshot, totalSelf: UInt64) -> JSONValue {
        var fields: [(String, JSONValue)] = [("operator", .string(plan.name)), ("detail", .string(plan.detail))]
        if let e = plan.estimatedRows { fields.append(("estimated_rows", .int(Int64(e)))) }
        if let m = plan.metrics {
            fields += [
                ("output_rows", .int(Int64(m.outputRows))),
                ("output_batches", .int(Int64(m.outputBatches))),
                ("elapsed_ms", .double((m.elapsedMillis * 1000).rounded() / 1000)),
                ("peak_bytes", .int(Int64(m.peakBytes))),
                ("spilled_bytes", .int(Int64(m.spilledBytes))),
            ]
            if !m.scanned.isEmpty { fields.append(("scanned", .string(m.scanned))) }
            let own = AnalyzeProfile.selfNanos(plan)
            fields.append(("self_ns", .int(Int64(clamping: own))))
            fields.append(("share", .double(totalSelf == 0 ? 0 : (Double(own) / Double(totalSelf) * 1e6).rounded() / 1e6)))
            if let e = plan.estimatedRows {
                fields.append(("misestimate", .double((AnalyzeProfile.misestimate(actual: m.outputRows, estimated: e) * 1000).rounded() / 1000)))
            }
            // Per thread that ran it (skew): worker 0 is the query's calling thread.
            let workers = AnalyzeProfile.workers(plan)
            fields.append(("workers", .array(zip(workers, m.workers).map { own, counted in
                .object([("worker", .int(Int64(own.worker))), ("rows", .int(Int64(own.rows))), ("batches", .int(Int64(own.batches))),
                         ("elapsed_ns", .int(Int64(clamping: counted.elapsedNanos))), ("self_ns", .int(Int64(clamping: own.selfNanos)))])
            })))
            if let skew = AnalyzeProfile.skew(workers) { fields.append(("skew", .double((skew * 1000).rounded() / 1000))) }
        }
        fields.append(("children", .array(plan.children.map { json($0, totalSelf: totalSelf) })))
        return .object(fields)
    }

    static func format(_ ms: Double) -> String {
        let r = (ms * 1000).rounded() / 1000
        return String(r)
    }
}

extension PhysicalPlanSnapshot {
    /// The physical plan as a ``PlanCore/PlanTree``: an operator's kind is its name (a
    /// scan's with its table), its line the name and details, with the run's figures as
    /// properties once it ran.
    public var planTree: PlanTree {
        var properties: [String: String] = [:]
        var kind = name
        if name.hasPrefix("ScanExec"), let table = detail.split(separator: " ").first(where: { $0.hasPrefix("table=") }) {
            properties["table"] = String(table.dropFirst("table=".count))
            kind += ": " + (properties["table"] ?? "")
        }
        if let e = estimatedRows { properties["estimated_rows"] = String(e) }
        if let m = metrics {
            properties["output_rows"] = String(m.outputRows)
            properties["elapsed_ns"] = String(m.elapsedNanos)
            if m.spilledBytes > 0 { properties["spilled_bytes"] = String(m.spilledBytes) }
        }
        let relations: Set<String>? = properties["table"].map { ["scan \($0)"] }
        return PlanTree(line: detail.isEmpty ? name : name + ": " + detail, kind: kind, properties: properties,
                        relations: relations, children: children.map(\.planTree))
    }
}
