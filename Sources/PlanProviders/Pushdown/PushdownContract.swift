import Logging
import PlanCore
import PlanExec

/// How contract violations are handled (`SET pushdown.enforcement`).
public enum EnforcementMode: String, Sendable, CaseIterable {
    /// A violation is an error naming the table and the predicate.
    case strict
    /// A violation is a structured warning (and a log line); the statement goes on.
    case warn
    /// Violations are not looked for.
    case disabled
}

/// A broken pushdown promise.
public struct PushdownViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Stage: String, Sendable { case planning, execution }
    public let stage: Stage
    public let table: String
    public let predicate: String
    public let reason: String
    public var description: String { "table '\(table)', filter \(predicate): \(reason)" }
}

/// The pushdown contract of a scan: what a provider promised per filter and what it did.
public enum PushdownContract {
    /// Planning: every filter that is not Exact must still be applied above the scan
    /// (its residual filter). Execution: every Exact filter must hold on every returned
    /// row (from verification). One list of violations from either stage.
    public static func violations(table: String, filters: [ScanFilter], residual: [Expr],
                                  checks: [ExecutionContext.PushdownCheck] = []) -> [PushdownViolation] {
        var out: [PushdownViolation] = []
        for f in filters where f.pushdown != .exact && !residual.contains(f.expr) {
            out.append(PushdownViolation(stage: .planning, table: table, predicate: f.expr.description,
                                         reason: "classified \(f.pushdown.rawValue) but no filter above the scan applies it"))
        }
        var failing: [String: Int] = [:]
        for c in checks where c.table == table { failing[c.predicate, default: 0] += c.failingRows }
        for (predicate, rows) in failing.sorted(by: { $0.key < $1.key }) {
            out.append(PushdownViolation(stage: .execution, table: table, predicate: predicate,
                                         reason: "provider claimed Exact but returned \(rows) row\(rows == 1 ? "" : "s") that fail it"))
        }
        return out
    }

    /// Applies the enforcement mode: strict throws on the first violation, warn turns
    /// each into a warning (and logs it), disabled ignores them.
    public static func enforce(_ violations: [PushdownViolation], mode: EnforcementMode, logger: Logger) throws -> [RunWarning] {
        guard mode != .disabled, let first = violations.first else { return [] }
        if mode == .strict {
            throw PlanError(.execution, "pushdown contract violated (\(first.stage.rawValue)): \(first)")
        }
        return violations.map { v in
            logger.warning("pushdown contract violated", metadata: ["stage": "\(v.stage.rawValue)", "table": "\(v.table)", "filter": "\(v.predicate)"])
            return RunWarning(code: "PUSHDOWN_VIOLATION", stage: v.stage.rawValue, message: v.description)
        }
    }
}

/// Per scan: every filter offered and its class, the residual filter above the scan, what
/// was read and returned, what was pruned, and any violations.
public struct PushdownContractReport: Sendable, Equatable {
    public struct Scan: Sendable, Equatable {
        public let table: String
        public let provider: String
        public let filters: [ScanFilter]
        public let residual: [Expr]
        public let rowsRead: Int
        public let bytesRead: Int
        public let rowsReturned: Int
        /// Per kind of unit the provider counted (files, row groups, pages …): offered,
        /// pruned (by mechanism) and read.
        public let units: [ScanStatistics.Units]
        /// Bytes of the files the scan read from (0: not counted).
        public let fileBytes: Int
        public let violations: [PushdownViolation]
        /// Hash joins' build keys the scan filtered its rows with while the query ran
        /// (`l_partkey IN build(part.p_partkey)`): a runtime pushdown, its rows pruned
        /// counted in ``units`` (`rows`, by `runtime filter`).
        public var runtimeFilters: [String] = []

        /// The first kind counted (files of a directory, row groups of a file …).
        public var unitsTotal: Int { units.first?.total ?? 0 }
        public var unitsPruned: Int { units.first?.pruned ?? 0 }
        public var unitKind: String { units.first?.kind ?? "inputs" }

        /// `row groups 2 of 10 read (8 pruned: 8 statistics), pages …, bytes 1.2 MiB of 30.0 MiB`.
        public var unitSummary: String { ScanStatistics.summary(units: units, bytesRead: bytesRead, fileBytes: fileBytes) }
    }
    public let scans: [Scan]

    public init(scans: [Scan]) { self.scans = scans }

    /// Builds the report from an executed physical plan (scans and the filters right
    /// above them) and the execution context's verification results.
    public static func collect(_ root: any PhysicalOperator, context: ExecutionContext?) -> PushdownContractReport {
        var scans: [Scan] = []
        func walk(_ op: any PhysicalOperator, residual: [Expr]) {
            if let scan = op as? ScanExec {
                let s = scan.statistics
                let v = PushdownContract.violations(table: scan.tableName, filters: scan.offered, residual: residual,
                                                    checks: context?.pushdownChecks ?? [])
                scans.append(Scan(table: scan.tableName, provider: scan.providerKind, filters: scan.offered, residual: residual,
                                  rowsRead: s.rowsRead, bytesRead: s.bytesRead, rowsReturned: s.rowsReturned,
                                  units: s.units, fileBytes: s.fileBytes, violations: v,
                                  runtimeFilters: scan.runtimeFilterDescriptions))
                return
            }
            if let ext = op as? ExtensionExec, !ext.offered.isEmpty {
                // A user-defined node classifies filters too: its contract is reported like a scan's.
                let read = ext.inputs.reduce(0) { $0 + $1.metrics.outputRows }
                let v = PushdownContract.violations(table: ext.name, filters: ext.offered, residual: residual)
                scans.append(Scan(table: ext.name, provider: ext.name, filters: ext.offered, residual: residual,
                                  rowsRead: read, bytesRead: 0, rowsReturned: ext.metrics.outputRows,
                                  units: [], fileBytes: 0, violations: v))
            }
            for child in op.children {
                let childResidual = (op as? FilterExec).flatMap { f in child is ScanExec || child is ExtensionExec ? f.predicateConjuncts : nil } ?? []
                walk(child, residual: childResidual)
            }
        }
        walk(root, residual: [])
        return PushdownContractReport(scans: scans)
    }

    public var violations: [PushdownViolation] { scans.flatMap(\.violations) }

    /// Schema version 1 of the report's JSON form.
    public var json: JSONValue {
        .object([
            ("schema_version", .int(1)),
            ("scans", .array(scans.map { s in
                .object([
                    ("table", .string(s.table)), ("provider", .string(s.provider)),
                    ("filters", .array(s.filters.map { f in
                        .object([("filter", .string(f.expr.description)), ("pushdown", .string(f.pushdown.rawValue)),
                                 ("in_residual", .bool(s.residual.contains(f.expr)))])
                    })),
                    ("residual", .array(s.residual.map { .string($0.description) })),
                    ("rows_read", .int(Int64(s.rowsRead))), ("bytes_read", .int(Int64(s.bytesRead))),
                    ("rows_returned", .int(Int64(s.rowsReturned))),
                    ("\(s.unitKind)_total", .int(Int64(s.unitsTotal))), ("\(s.unitKind)_pruned", .int(Int64(s.unitsPruned))),
                    ("units", .array(s.units.map { u in
                        .object([("kind", .string(u.kind)), ("offered", .int(Int64(u.total))), ("pruned", .int(Int64(u.pruned))),
                                 ("read", .int(Int64(u.readCount))), ("verb", .string(u.verb)),
                                 ("pruned_by", .object(u.prunedBy.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) }))])
                    })),
                    ("file_bytes", .int(Int64(s.fileBytes))),
                    ("runtime_filters", .array(s.runtimeFilters.map(JSONValue.string))),
                    ("violations", .array(s.violations.map { .string("\($0.stage.rawValue): \($0)") })),
                ])
            })),
        ])
    }
}
