import Foundation
import PlanCore
import PlanEngine
import PlanManifest
import PlanSupport

/// `\manifest [show] | save FILE | diff FILE [FILE]`: the planning-surface manifest.
enum ManifestCommand: Command {
    static let name = "manifest"
    static let summary = "the planning-surface manifest: show it, save it, diff it against a saved one"
    static let usage = "[show] | save FILE | diff FILE [FILE] [--query SQL] | capabilities"

    static func completions(_ words: [String], in context: CommandContext) -> [String] {
        words.count <= 1 ? ["show", "save", "diff", "capabilities"] : []
    }

    static func read(_ path: String) throws(CommandError) -> PlanningSurfaceManifest {
        do { return try PlanningSurfaceManifest.read(file: path) } catch { throw CommandError(error.message) }
    }

    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ").map(String.init)
        let current = context.session.manifest
        switch words.first ?? "show" {
        case "show":
            out.data(current.json.pretty)
            out.notice("fingerprint \(current.fingerprint)")
        case "save":
            guard words.count == 2 else { throw CommandError("usage: \\manifest save FILE") }
            do { try (current.json.pretty + "\n").write(toFile: words[1], atomically: true, encoding: .utf8) } catch {
                throw CommandError("cannot write \(words[1]): \(error.localizedDescription)")
            }
            out.notice("saved \(words[1]): \(current.fingerprint)")
        case "diff":
            // `--query SQL…`: the rest of the line is the query.
            var files = words.dropFirst()
            var query: String?
            if let at = arguments.range(of: "--query") {
                query = arguments[at.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ;\n"))
                files = arguments[..<at.lowerBound].split(separator: " ").map(String.init).dropFirst()
                if query?.isEmpty ?? true { throw CommandError("usage: \\manifest diff FILE [FILE] --query SQL") }
            }
            guard files.count == 1 || files.count == 2 else { throw CommandError("usage: \\manifest diff FILE [FILE] [--query SQL]") }
            let old = try read(files[files.startIndex])
            let new = files.count == 2 ? try read(files[files.startIndex + 1]) : current
            if let query {
                let change: PlanChange
                do { change = try context.session.planChange(of: query, from: old, to: new) } catch { throw CommandError(error.description) }
                out.state.manifestDiff = ManifestDiffInView(
                    diff: change.manifestDiff, title: Self.diffTitle(files),
                    query: QueryPlanChange(query: query, planDiff: change.planDiff, notes: change.notes))
                out.data(context.format == .json ? change.json.pretty : change.text)
                return out
            }
            let diff = files.count == 2 ? ManifestDiff(from: old, to: new) : context.session.manifestDiff(against: old)
            out.state.manifestDiff = ManifestDiffInView(diff: diff, title: Self.diffTitle(files))
            out.data(context.format == .json ? diff.json.pretty : diff.human())
        case "capabilities":
            let snapshot = context.session.capabilities
            out.data(context.format == .json ? snapshot.json.pretty : snapshot.text)
        default:
            throw CommandError("unknown \\manifest action '\(words[0])' (show, save, diff, capabilities)")
        }
        return out
    }

    /// `a.json ↔ b.json`, or `a.json ↔ session` for one file.
    private static func diffTitle(_ files: ArraySlice<String>) -> String {
        let name = { (path: String) in PathText.lastComponent(path) }
        let oldName = name(files[files.startIndex])
        return files.count == 2 ? "\(oldName) ↔ \(name(files[files.startIndex + 1]))" : "\(oldName) ↔ session"
    }
}
