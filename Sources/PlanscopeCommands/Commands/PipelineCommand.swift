import Foundation
import PlanCore
import PlanEngine
import PlanPipeline

/// `\pipeline load FILE | graph [text|json|dot] | run | hashes`: the pipeline in view.
enum PipelineCommand: Command {
    static let name = "pipeline"
    static let summary = "load a pipeline spec, show its task graph, run it"
    static let usage = "load FILE | graph [text|json|dot] | run | hashes"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["load", "graph", "run", "hashes"] : words[0] == "graph" ? ["text", "json", "dot"] : []
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first ?? "graph" {
        case "load":
            guard words.count == 2 else { throw CommandError("usage: \\pipeline load FILE") }
            let p: LoadedPipeline
            do { p = try context.session.loadPipeline(file: words[1].trimmingSpaces()) } catch {
                throw CommandError(message(error, file: words[1]))
            }
            out.state.pipeline = p
            out.notice("loaded \(words[1]): " + [counted(p.spec.inputRelations.count, "input"), counted(p.plans.count, "view"),
                                                     counted(p.spec.outputTargets.count, "output")].joined(separator: ", "))
        case "graph":
            let p = try loaded(state)
            let format = words.count > 1 ? words[1].trimmingSpaces() : (context.format == .json ? "json" : "text")
            switch format {
            case "json": out.data(p.view.json.pretty)
            case "dot": out.data(p.view.dot)
            case "text": out.data(p.view.text)
            default: throw CommandError("unknown graph format '\(format)' (text, json, dot)")
            }
        case "run":
            let p = try loaded(state)
            let report: PipelineRunReport
            do { report = try context.session.runPipeline(p) } catch { throw CommandError(message(error, file: "pipeline")) }
            out.data(context.format == .json ? report.json.pretty : report.text)
        case "hashes":
            let c = try loaded(state).contract
            out.data(context.format == .json ? c.json.pretty : "spec \(c.specHash)\nenvelope \(c.envelopeHash)\nrulepack \(c.rulepackFingerprint)")
        default:
            throw CommandError("unknown \\pipeline action '\(words[0])' (load, graph, run, hashes)")
        }
        return out
    }

    static func loaded(_ state: CommandState) throws(CommandError) -> LoadedPipeline {
        guard let p = state.pipeline else { throw CommandError("no pipeline loaded: \\pipeline load FILE") }
        return p
    }

    static func message(_ error: PipelineError, file: String) -> String {
        if case .spec(let errors) = error { return errors.errors.map { "\(file): \($0)" }.joined(separator: "\n") }
        return "\(file): \(error)"
    }
}
