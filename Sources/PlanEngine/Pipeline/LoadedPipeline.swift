import PlanCore
import PlanPipeline
import PlanProviders

/// A pipeline spec loaded into a session: validated, its task graph built, every view
/// bound once in graph order against the inputs and the views before it, and its
/// determinism contract computed. ``Session/runPipeline(_:writeOutputs:cancellation:)``
/// runs it.
public struct LoadedPipeline: Sendable {
    public let spec: SemanticExecutionSpec
    public let graph: TaskGraph
    /// The graph with its row estimates and critical path, for showing.
    public let view: TaskGraphView
    public let contract: DeterminismContract
    /// Each view's bound plan, by name (bound once: never re-parsed from text).
    public let plans: [String: LogicalPlan]
    /// The tables views are materialized into, by name (downstream views read these).
    let tables: [String: MemoryTable]
    /// The session's time zone its views were bound in (`execution.time_zone`): CSV and JSON
    /// lines outputs write `TIMESTAMPTZ` values in it, as `COPY … TO` does.
    public let timeZone: SQLTimeZone

    /// The views in the order they are compiled and run.
    public var viewOrder: [String] { graph.order.filter { graph.nodes[$0].kind == .view }.map { graph.nodes[$0].name } }
}

/// Why a pipeline could not be loaded or run.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// The spec's JSON or its contents (each problem with its JSON path).
    case spec(SpecErrors)
    /// The views form a cycle.
    case graph(TaskGraphError)
    /// A statement of the pipeline failed (binding a view, running it, writing an output).
    case statement(path: String, PlanError)
    /// The file could not be read or written.
    case io(String)
    /// A replay was asked against a report that cannot be used.
    case report(SpecErrors)

    public var description: String {
        switch self {
        case .spec(let e): e.description
        case .graph(let e): e.description
        case .statement(let path, let e): "\(path): \(e)"
        case .io(let m): m
        case .report(let e): "run report: " + e.errors.map(\.description).joined(separator: "; ")
        }
    }

    public var isCancelled: Bool {
        if case .statement(_, let e) = self { return e.kind == .cancelled }
        return false
    }
}

/// Per view of a replay check: whether its plan's fingerprint is the one recorded.
public struct ReplayCheck: Sendable, Equatable {
    public struct ViewCheck: Sendable, Equatable {
        public let name: String
        public let recorded: String?
        public let now: String
        /// Why the fingerprints are not compared (a native one from another engine version).
        public let refused: String?
        public var matches: Bool { refused == nil && recorded == now }
        public init(name: String, recorded: String?, now: String, refused: String? = nil) {
            self.name = name
            self.recorded = recorded
            self.now = now
            self.refused = refused
        }
    }
    public let views: [ViewCheck]
    /// The contract hashes that differ from the recorded run's (`spec_hash` …).
    public let contractMismatches: [String]
    public let recorded: DeterminismContract
    public let now: DeterminismContract

    /// The first view, in graph order, whose plan changed.
    public var firstChangedView: String? { views.first { $0.refused == nil && !$0.matches }?.name }
    /// Views whose fingerprints cannot be compared with the recorded ones.
    public var refusedViews: [String] { views.filter { $0.refused != nil }.map(\.name) }
    public var isValid: Bool { contractMismatches.isEmpty && firstChangedView == nil && refusedViews.isEmpty }

    public var text: String {
        var lines = views.map { v in
            if let why = v.refused { return "REFUSED \(v.name): \(why)" }
            return "\(v.matches ? "same   " : "CHANGED") \(v.name)  \(v.now.prefix(23))" + (v.matches ? "" : " (was \(v.recorded.map { String($0.prefix(23)) } ?? "absent"))")
        }
        if contractMismatches.isEmpty {
            lines.append("contract: spec, envelope and rulepack hashes match")
        } else {
            lines.append("contract: " + contractMismatches.map { name -> String in
                switch name {
                case "spec_hash": "spec_hash differs (\(recorded.specHash.prefix(23))… → \(now.specHash.prefix(23))…)"
                case "envelope_hash": "envelope_hash differs (\(recorded.envelopeHash.prefix(23))… → \(now.envelopeHash.prefix(23))…)"
                default: "rulepack_fingerprint differs (\(recorded.rulepackFingerprint.prefix(23))… → \(now.rulepackFingerprint.prefix(23))…)"
                }
            }.joined(separator: "; "))
        }
        if let first = firstChangedView { lines.append("first view whose plan changed: \(first)") }
        lines.append(isValid ? "replay valid" : "replay NOT valid")
        return lines.joined(separator: "\n")
    }

    public var json: JSONValue {
        .object([
            ("schema_version", .int(1)),
            ("valid", .bool(isValid)),
            ("contract_mismatches", .array(contractMismatches.map { .string($0) })),
            ("first_changed_view", firstChangedView.map { .string($0) } ?? .null),
            ("views", .array(views.map { v in
                .object([("name", .string(v.name)), ("matches", .bool(v.matches)),
                         ("recorded", v.recorded.map { .string($0) } ?? .null), ("now", .string(v.now))]
                        + (v.refused.map { [("refused", JSONValue.string($0))] } ?? []))
            })),
            ("recorded_contract", recorded.json), ("contract", now.json),
        ])
    }
}
