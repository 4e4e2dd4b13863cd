import PlanCore
import PlanManifest
import PlanscopeCommands

/// Two manifests compared: entries added (+), removed (−) and changed (~ old → new) by
/// path, and both fingerprints; `s` switches between unified and side by side.
enum ManifestDiffPane {
    static func title(_ s: AppState) -> String {
        guard let d = s.manifestDiff else { return "Manifest diff" }
        return "Manifest diff · \(s.manifestTitle) · \(counted(d.changes.count, "change"))" + (s.manifestSideBySide ? " · side by side" : "")
    }

    static func source(_ s: AppState) -> ListSource {
        guard let d = s.manifestDiff else {
            return ListSource([[Span("no manifest diff: :\\manifest diff FILE [FILE]", .dim)]])
        }
        var lines: [[Span]] = []
        if d.changes.isEmpty { lines.append([Span("the manifests are the same", .ok)]) }
        if s.manifestSideBySide {
            let width = min(44, d.changes.map { DisplayWidth.of($0.path) }.max() ?? 10)
            lines.append([Span(DisplayWidth.pad("path", to: width) + "  " + DisplayWidth.pad("old", to: 18) + "  new", .header)])
            for c in d.changes {
                switch c {
                case .added(let p, let v):
                    lines.append([Span(DisplayWidth.pad(p, to: width), .added), Span("  " + DisplayWidth.pad("", to: 18) + "  "), Span(v, .added)])
                case .removed(let p, let v):
                    lines.append([Span(DisplayWidth.pad(p, to: width), .removed), Span("  "), Span(DisplayWidth.pad(v, to: 18), .removed)])
                case .changed(let p, let a, let b):
                    lines.append([Span(DisplayWidth.pad(p, to: width), .changed), Span("  " + DisplayWidth.pad(a, to: 18) + "  "), Span(b, .changed)])
                }
            }
        } else {
            for c in d.changes {
                switch c {
                case .added(let p, let v): lines.append([Span("+ \(p): \(v)", .added)])
                case .removed(let p, let v): lines.append([Span("− \(p): \(v)", .removed)])
                case .changed(let p, let a, let b): lines.append([Span("~ \(p): ", .changed), Span(a), Span(" → ", .dim), Span(b, .changed)])
                }
            }
        }
        let short = { (f: String) in String(f.prefix(23)) }
        lines.append([Span("fingerprint ", .dim), Span(short(d.oldFingerprint)),
                      Span(d.oldFingerprint == d.newFingerprint ? " (same)" : " → ", .dim),
                      Span(d.oldFingerprint == d.newFingerprint ? "" : short(d.newFingerprint))])
        if let q = s.manifestQuery { lines += queryLines(q) }
        return ListSource(lines)
    }

    /// The query's plan under the two manifests: its diff (marks as in the trace) and why.
    static func queryLines(_ q: QueryPlanChange) -> [[Span]] {
        var lines: [[Span]] = [[], [Span("plan of: ", .header), Span(q.query)]]
        if let diff = q.planDiff {
            for line in diff.lines {
                let pad = String(repeating: "  ", count: line.depth)
                switch line.mark {
                case .same: lines.append([Span("  " + pad + line.text)])
                case .added: lines.append([Span("+ " + pad + line.text, .added)])
                case .removed: lines.append([Span("− " + pad + line.text, .removed)])
                case .changed:
                    lines.append([Span("~ " + pad + line.text, .changed)])
                    lines.append([Span("  " + pad + "  was: " + (line.oldText ?? ""), .dim)])
                }
            }
            for m in diff.moves { lines.append([Span("moved \(m.predicate): \(m.from) → \(m.to)", .moved)]) }
            lines.append([Span(diff.summary, .dim)])
        }
        for note in q.notes {
            for part in note.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append([Span(String(part), note.hasPrefix("why:") ? .changed : .text)])
            }
        }
        return lines
    }
}
