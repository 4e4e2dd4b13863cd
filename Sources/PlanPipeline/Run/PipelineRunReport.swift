import Foundation
import PlanCore

/// What a pipeline run did, as a value with a JSON form (schema version 2) and a text
/// form: the engine version, the determinism contract, per view its time window, rows and
/// plan fingerprint, per output its rows and time, warnings, totals.
///
/// A view's fingerprint is taken over its optimized plan's canonical Substrait JSON
/// (`plan_fingerprint`), which compares across processes and versions; a plan with no
/// Substrait form has `native_plan_fingerprint` instead (over planscope's own plan JSON),
/// which compares only within one engine version (docs/compatibility.md).
public struct PipelineRunReport: Sendable, Equatable {
    public static let schemaVersion = 2

    public struct ViewRun: Sendable, Equatable {
        public var name: String
        public var level: Int
        /// Milliseconds from the start of the run.
        public var startMillis: Double
        public var endMillis: Double
        public var rows: Int
        /// SHA-256 of the optimized plan's canonical Substrait JSON, or (``native``) of its
        /// planscope plan JSON.
        public var planFingerprint: String
        /// The fingerprint is over planscope's own plan JSON (the plan has no Substrait form).
        public var native: Bool

        public init(name: String, level: Int, startMillis: Double, endMillis: Double, rows: Int, planFingerprint: String,
                    native: Bool = false) {
            self.name = name
            self.level = level
            self.startMillis = startMillis
            self.endMillis = endMillis
            self.rows = rows
            self.planFingerprint = planFingerprint
            self.native = native
        }
    }

    public struct OutputRun: Sendable, Equatable {
        public var tableName: String
        public var sourceView: String
        public var format: String
        /// The file written (absolute), or nil when the run wrote nothing (a replay check).
        public var location: String?
        public var rows: Int
        public var millis: Double

        public init(tableName: String, sourceView: String, format: String, location: String?, rows: Int, millis: Double) {
            self.tableName = tableName
            self.sourceView = sourceView
            self.format = format
            self.location = location
            self.rows = rows
            self.millis = millis
        }
    }

    public var contract: DeterminismContract
    /// The engine that ran (what native fingerprints are valid for; "" when a version 1
    /// report did not say).
    public var engineVersion: String
    /// In the order the views were compiled (the graph's order).
    public var views: [ViewRun]
    public var outputs: [OutputRun]
    public var warnings: [RunWarning]
    public var elapsedMillis: Double
    /// False for a replay check, which writes nothing.
    public var wroteOutputs: Bool

    public init(contract: DeterminismContract, engineVersion: String, views: [ViewRun], outputs: [OutputRun], warnings: [RunWarning],
                elapsedMillis: Double, wroteOutputs: Bool) {
        self.contract = contract
        self.engineVersion = engineVersion
        self.views = views
        self.outputs = outputs
        self.warnings = warnings
        self.elapsedMillis = elapsedMillis
        self.wroteOutputs = wroteOutputs
    }

    public var rowsWritten: Int { outputs.reduce(0) { $0 + $1.rows } }

    static func ms(_ v: Double) -> JSONValue { .double((v * 1000).rounded() / 1000) }

    public var json: JSONValue {
        .object([
            ("schema_version", .int(Int64(Self.schemaVersion))),
            ("engine_version", .string(engineVersion)),
            ("contract", contract.json),
            ("views", .array(views.map { v in
                .object([("name", .string(v.name)), ("level", .int(Int64(v.level))), ("start_ms", Self.ms(v.startMillis)),
                         ("end_ms", Self.ms(v.endMillis)), ("rows", .int(Int64(v.rows)))]
                        + (v.native ? [("native_plan_fingerprint", .string(v.planFingerprint)), ("engine_version", .string(engineVersion))]
                                    : [("plan_fingerprint", .string(v.planFingerprint))]))
            })),
            ("outputs", .array(outputs.map { o in
                .object([("table_name", .string(o.tableName)), ("source_view", .string(o.sourceView)), ("format", .string(o.format)),
                         ("location", o.location.map { .string($0) } ?? .null), ("rows", .int(Int64(o.rows))), ("ms", Self.ms(o.millis))])
            })),
            ("warnings", .array(warnings.map { w in
                .object([("code", .string(w.code)), ("stage", .string(w.stage)), ("message", .string(w.message))])
            })),
            ("totals", .object([("views", .int(Int64(views.count))), ("outputs", .int(Int64(outputs.count))),
                                ("rows_written", .int(Int64(rowsWritten))), ("elapsed_ms", Self.ms(elapsedMillis)),
                                ("wrote_outputs", .bool(wroteOutputs))])),
        ])
    }

    /// Reads a report's JSON form back (for `--check-replay`): version 2, or version 1
    /// upgraded (its fingerprints were native ones, from an engine it did not name).
    public init(json: JSONValue) throws(SpecErrors) {
        var errors: [SpecError] = []
        let version = json["schema_version"]?.intValue
        if version != Self.schemaVersion && version != 1 {
            errors.append(SpecError("schema_version", "run report schema version \(version.map(String.init) ?? "(none)") is not read (this planscope reads 1 and \(Self.schemaVersion))"))
        }
        let contract = json["contract"].flatMap(DeterminismContract.init(json:))
        if contract == nil { errors.append(SpecError("contract", "missing or incomplete (spec_hash, envelope_hash, rulepack_fingerprint)")) }
        var views: [ViewRun] = []
        for (i, v) in (json["views"]?.arrayValue ?? []).enumerated() {
            let substrait = version == 1 ? nil : v["plan_fingerprint"]?.stringValue
            guard let name = v["name"]?.stringValue,
                  let fp = substrait ?? v[version == 1 ? "plan_fingerprint" : "native_plan_fingerprint"]?.stringValue else {
                errors.append(SpecError("views[\(i)]", "needs name and plan_fingerprint or native_plan_fingerprint"))
                continue
            }
            views.append(ViewRun(name: name, level: v["level"]?.intValue ?? 0, startMillis: v["start_ms"]?.doubleValue ?? 0,
                                 endMillis: v["end_ms"]?.doubleValue ?? 0, rows: v["rows"]?.intValue ?? 0, planFingerprint: fp,
                                 native: substrait == nil))
        }
        guard errors.isEmpty, let contract else { throw SpecErrors(errors) }
        self.init(contract: contract, engineVersion: version == 1 ? "" : json["engine_version"]?.stringValue ?? "", views: views, outputs: [], warnings: [], elapsedMillis: json["totals"]?["elapsed_ms"]?.doubleValue ?? 0,
                  wroteOutputs: json["totals"]?["wrote_outputs"]?.boolValue ?? true)
    }

    /// The human form: a line per view (level, time window, rows), per output, the
    /// warnings, the totals and the contract.
    public var text: String {
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var lines: [String] = []
        let nameWidth = max(4, views.map(\.name.count).max() ?? 0)
        lines.append("view".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  level  start ms    end ms      rows  plan")
        for v in views {
            lines.append(v.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                         + String(v.level).leftPadded(5) + "  " + f(v.startMillis).leftPadded(8) + "  " + f(v.endMillis).leftPadded(8)
                         + "  " + String(v.rows).leftPadded(8) + "  " + String(v.planFingerprint.prefix(23)) + (v.native ? " (native)" : ""))
        }
        for o in outputs {
            lines.append("output \(o.tableName) ← \(o.sourceView): \(counted(o.rows, "row")) \(o.location.map { "written to \($0)" } ?? "(not written)") in \(f(o.millis)) ms")
        }
        for w in warnings { lines.append("warning: \(w)") }
        lines.append("\(counted(views.count, "view")), \(counted(outputs.count, "output")), \(counted(rowsWritten, "row")) written in \(f(elapsedMillis)) ms")
        lines.append("spec \(contract.specHash)")
        lines.append("envelope \(contract.envelopeHash)")
        lines.append("rulepack \(contract.rulepackFingerprint)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
