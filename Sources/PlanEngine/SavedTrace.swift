import Foundation
import PlanCore
import PlanManifest

/// An optimizer trace read back from planscope's own trace JSON (`explain --trace-json`,
/// `\trace` with `--format json`, or the data embedded in a report): its steps, and the
/// plan text after each step that changed the plan. Plans come back as text, not as plan
/// values, so a step's change is shown as a line diff of the plan before and after it.
public struct SavedTrace: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public let number: Int
        public let pass: Int
        public let rule: String
        public let changed: Bool
        public let elapsedMillis: Double
        /// The plan after this step (written for steps that changed it).
        public let plan: String?
    }

    public let rulepack: String
    public let rulepackFingerprint: String
    public let passes: Int
    public let totalMillis: Double
    public let initialPlan: String
    public let finalPlan: String
    public let steps: [Step]
    /// The engine version that wrote it (`engine_version`); nil for a trace written before
    /// traces carried it, which is read as this version's with a warning.
    public let engineVersion: String?
    /// What the reader noticed and kept going (a trace without `engine_version`).
    public let warnings: [String]

    /// Reads trace JSON; a report's HTML is read through the trace it embeds.
    public init(file path: String) throws(PlanError) {
        let text: String
        do { text = try TextFile.read(path) } catch { throw PlanError(.io, error.description) }
        try self.init(text: text, source: path)
    }

    /// Trace JSON (or a report's HTML) already read from `source`.
    public init(text: String, source path: String) throws(PlanError) {
        var text = text
        if let embedded = Self.embedded(in: text) { text = embedded }
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch { throw PlanError(.execution, "\(path): not planscope trace JSON: \(error)") }
        try self.init(json: json["optimizer_trace"] ?? json["trace"] ?? json, source: path)
    }

    public init(json: JSONValue, source: String = "trace") throws(PlanError) {
        guard json["schema_version"]?.intValue == 1, let steps = json["steps"]?.arrayValue,
              let initial = json["initial_plan"]?.stringValue, let final = json["final_plan"]?.stringValue else {
            throw PlanError(.execution, "\(source): not planscope trace JSON (schema_version 1 with steps, initial_plan and final_plan)")
        }
        // Native plan JSON is for the engine version that wrote it (docs/compatibility.md).
        engineVersion = json["engine_version"]?.stringValue
        if let written = engineVersion, written != EngineVersion.current {
            throw PlanError(.execution, "\(source): written by planscope engine \(written), this is \(EngineVersion.current): "
                            + "planscope's trace JSON is read by the engine version that wrote it (plans travel across versions as Substrait)")
        }
        warnings = engineVersion == nil
            ? ["\(source): no engine_version (written before traces carried one): read as engine \(EngineVersion.current)'s"] : []
        rulepack = json["rulepack"]?.stringValue ?? ""
        rulepackFingerprint = json["rulepack_fingerprint"]?.stringValue ?? ""
        passes = json["passes"]?.intValue ?? 0
        totalMillis = json["total_ms"]?.doubleValue ?? 0
        initialPlan = initial
        finalPlan = final
        var read: [Step] = []
        for (i, s) in steps.enumerated() {
            guard let rule = s["rule"]?.stringValue else { throw PlanError(.execution, "\(source): step \(i + 1) has no rule") }
            read.append(Step(number: s["step"]?.intValue ?? i + 1, pass: s["pass"]?.intValue ?? 0, rule: rule,
                             changed: s["changed"]?.boolValue ?? false, elapsedMillis: s["elapsed_ms"]?.doubleValue ?? 0,
                             plan: s["plan"]?.stringValue))
        }
        self.steps = read
    }

    /// Whether `text` is planscope's trace JSON or a report (what ``init(text:source:)`` reads).
    static func recognizes(_ text: String) -> Bool {
        text.first { !$0.isWhitespace } == "{" || embedded(in: text) != nil
    }

    /// The trace JSON a report embeds (`<script type="application/json" id="planscope-data">`).
    static func embedded(in html: String) -> String? {
        guard let open = html.range(of: "<script type=\"application/json\" id=\"planscope-data\">"),
              let close = html.range(of: "</script>", range: open.upperBound..<html.endIndex) else { return nil }
        let data = String(html[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "<\\/", with: "</")
        return data
    }

    /// The plan before step `i` (0-based): the last changed plan before it, or the initial plan.
    public func planBefore(_ i: Int) -> String {
        steps[..<i].last { $0.changed && $0.plan != nil }?.plan ?? initialPlan
    }

    /// The steps, then each step that changed the plan with a line diff against the plan before it.
    public var text: String {
        var out = ["trace: \(steps.count) steps, \(passes) pass\(passes == 1 ? "" : "es"), rulepack \(rulepack), "
                    + String(format: "%.3f ms", totalMillis)]
        for s in steps {
            out.append(String(format: "%4d %2d  %@ %@ %8.3f ms", s.number, s.pass, (s.rule + String(repeating: " ", count: max(0, 30 - s.rule.count))) as NSString,
                              s.changed ? "✓" : "·", s.elapsedMillis))
        }
        out.append("")
        out.append("initial plan:")
        out.append(initialPlan)
        for (i, s) in steps.enumerated() where s.changed {
            guard let plan = s.plan else { continue }
            out.append("")
            out.append("after \(s.number) \(s.rule) (pass \(s.pass)):")
            out.append(LineDiff(from: planBefore(i), to: plan).text)
        }
        out.append("")
        out.append("final plan:")
        out.append(finalPlan)
        return out.joined(separator: "\n")
    }
}
