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

    static func run(_ arguments: String, in context: CommandContext) throws(CommandError) {
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first ?? "graph" {
        case "load":
            guard words.count == 2 else { throw CommandError("usage: \\pipeline load FILE") }
            do {
                context.pipelineInView = try context.session.loadPipeline(file: words[1].trimmingSpaces())
            } catch {
                throw CommandError(message(error, file: words[1]))
            }
            guard let p = context.pipelineInView else { return }
            context.emit("loaded \(words[1]): " + [counted(p.spec.inputRelations.count, "input"), counted(p.plans.count, "view"),
                                                     counted(p.spec.outputTargets.count, "output")].joined(separator: ", "))
        case "graph":
            let p = try loaded(context)
            let format = words.count > 1 ? words[1].trimmingSpaces() : (context.format == .json ? "json" : "text")
            switch format {
            case "json": context.emit(p.view.json.pretty)
            case "dot": context.emit(p.view.dot)
            case "text": context.emit(p.view.text)
            default: throw CommandError("unknown graph format '\(format)' (text, json, dot)")
            }
        case "run":
            let p = try loaded(context)
            let report: PipelineRunReport
            do { report = try context.session.runPipeline(p) } catch { throw CommandError(message(error, file: "pipeline")) }
            context.emit(context.format == .json ? report.json.pretty : report.text)
        case "hashes":
            let c = try loaded(context).contract
            context.emit(context.format == .json ? c.json.pretty : "spec \(c.specHash)\nenvelope \(c.envelopeHash)\nrulepack \(c.rulepackFingerprint)")
        default:
            throw CommandError("unknown \\pipeline action '\(words[0])' (load, graph, run, hashes)")
        }
    }

    static func loaded(_ context: CommandContext) throws(CommandError) -> LoadedPipeline {
        guard let p = context.pipelineInView else { throw CommandError("no pipeline loaded: \\pipeline load FILE") }
        return p
    }

    static func message(_ error: PipelineError, file: String) -> String {
        if case .spec(let errors) = error { return errors.errors.map { "\(file): \($0)" }.joined(separator: "\n") }
        return "\(file): \(error)"
    }
}
