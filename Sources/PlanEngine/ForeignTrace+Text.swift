import Foundation
import PlanCore
import PlanForeignTrace
import PlanManifest
import PlanOptimizer

extension ForeignTrace {
    /// `DataFusion EXPLAIN VERBOSE: 101 steps (3 analyzer, 77 logical in 3 passes, 21 physical), 14 changed the plan`.
    public var summaryLine: String {
        let counts = [ForeignTrace.Phase.analyzer, .logical, .physical].compactMap { phase -> String? in
            let steps = self.steps.filter { $0.phase == phase }
            guard !steps.isEmpty else { return nil }
            let passes = Set(steps.map(\.pass)).count
            return "\(steps.count) \(phase.rawValue)" + (phase == .logical && passes > 1 ? " in \(passes) passes" : "")
        }
        return "\(engine): \(steps.count) step\(steps.count == 1 ? "" : "s") (\(counts.joined(separator: ", "))), "
            + "\(steps.count { $0.changed }) changed the plan"
    }

    /// The steps (number, pass, phase, rule, ✓ when it changed the plan), the initial
    /// plan, each changed step's tree diff against the plan before it, and the final plan.
    public var text: String {
        let trace = optimizerTrace
        var out = [summaryLine]
        for (i, s) in steps.enumerated() {
            out.append(String(format: "%4d %2d  %@ %@ %@", i + 1, s.pass, s.phase.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                              s.changed ? "✓" : "·", s.rule))
        }
        out += ["", "initial plan:", initial.indentText]
        for (i, s) in steps.enumerated() where s.changed {
            guard let diff = trace.diff(fromStep: i, toStep: i + 1) else { continue }
            out += ["", "after \(i + 1) \(s.rule) (\(s.phase.rawValue), pass \(s.pass)):", diff.text]
        }
        out += ["", "final plan:", final.indentText]
        return out.joined(separator: "\n")
    }

    /// The summary as JSON: engine, step counts, the rules that changed the plan, the final plan.
    public var summaryJSON: JSONValue {
        .object([
            ("schema_version", .int(1)), ("engine", .string(engine)), ("steps", .int(Int64(steps.count))),
            ("changed_steps", .int(Int64(steps.count { $0.changed }))), ("changed_rules", .array(changedRules.map { .string($0) })),
            ("final_plan", .string(final.indentText)),
        ])
    }
}
