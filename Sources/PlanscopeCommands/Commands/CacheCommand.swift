import PlanCore
import PlanEngine
import PlanProviders

/// `\cache [--format json]`: the process's file caches — entries, bytes, hits, misses —
/// and `\cache clear` to empty them. Switched and sized by the `cache.*` settings.
enum CacheCommand: Command {
    static let name = "cache"
    static let summary = "the process's file caches (listings, row counts, Parquet footers and page indexes): entries, bytes, hits, misses; clear empties them"
    static let usage = "[--format json] | clear"
    static func completions(_ words: [String], in context: CommandContext) -> [String] { ["clear", "--format"] }
    static func run(_ arguments: String, _ state: CommandState, in context: CommandContext) throws(CommandError) -> Outcome {
        var out = Outcome(state: state)
        let words = arguments.split(separator: " ").map { $0.lowercased() }
        switch words {
        case ["clear"]:
            context.session.clearCaches()
            out.notice("Caches cleared.")
            return out
        case [], ["--format", "json"], ["--format", "text"]:
            break
        default:
            throw CommandError("expected nothing, --format json or clear")
        }
        let caches = context.session.caches
        if words == ["--format", "json"] || (words.isEmpty && context.format == .json) {
            out.data(JSONValue.array(caches.map(json)).pretty)
            return out
        }
        out.data(context.formatTable(header: ["cache", "on", "entries", "bytes", "limit", "hits", "misses"], rows: caches.map { c in
            [c.name, c.enabled ? "on" : "off", String(c.entries), bytesText(c.bytes), bytesText(c.limit), String(c.hits), String(c.misses)]
        }))
        return out
    }

    static func json(_ c: CacheStatistics) -> JSONValue {
        .object([("cache", .string(c.name)), ("enabled", .bool(c.enabled)), ("entries", .int(Int64(c.entries))),
                 ("bytes", .int(Int64(c.bytes))), ("limit", .int(Int64(c.limit))), ("hits", .int(Int64(c.hits))),
                 ("misses", .int(Int64(c.misses))), ("holds", .string(c.summary))])
    }
}
