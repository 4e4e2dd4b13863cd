import PlanCore
import PlanManifest
import PlanOptimizer

/// The plan beside the trace at one step: a title, and one line per plan node with the
/// step's changes marked (+ added, − removed, ~ changed with what it was, predicates
/// moved), laid out in rows for a width: cut (and scrolled sideways) or wrapped with an
/// indent that keeps the tree's shape.
struct PlanText {
    struct Line {
        var spans: [Span]
        /// Columns of the node's indent (its marker and depth), where wrapped rows start
        /// further in.
        var indent: Int
        /// A node (the cursor stops here), not a `was:` or `moved` note.
        var node: Bool
        /// The node's index path in the plan after the step (``PlanDiff/Line/newPath``);
        /// nil for a removed node and for notes.
        var path: String? = nil
        /// The node's own line, without marker and indent.
        var nodeText = ""
        /// The node's index path in the plan before the step (``PlanDiff/Line/oldPath``), when
        /// it was there: a removed node's only path.
        var oldPath: String? = nil
    }

    /// One screen row: which line it shows and its spans.
    struct Row {
        var line: Int
        var spans: [Span]
    }

    let title: [Span]
    let lines: [Line]

    /// Lines made elsewhere (a side of ``ComparePane``), to be cut or wrapped as a plan's are.
    init(title: [Span] = [], lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// The plan after `step` (the initial plan at 0), diffed against the step before.
    init(_ trace: OptimizerTrace, step: Int) {
        guard let plan = trace.plan(atStep: step) else {
            title = []
            lines = []
            return
        }
        var lines: [Line] = []
        if step == 0 {
            title = [Span("initial plan", .title)]
            for node in plan.planTree.flattened() {
                let pad = String(repeating: "  ", count: node.depth)
                lines.append(Line(spans: [Span("  " + pad + node.node.line)], indent: 2 + 2 * node.depth, node: true, path: node.path,
                                  nodeText: node.node.line))
            }
        } else if let diff = trace.diff(fromStep: step - 1, toStep: step) {
            let s = trace.steps[step - 1]
            title = [Span("after \(step) \(s.rule)", .title), Span(diff.hasChanges ? " · " + diff.summary : " · unchanged", .dim),
                     Span(String(format: " · %.2f ms", Double(s.elapsedNanos) / 1e6), .dim)]
            for line in diff.lines {
                let pad = String(repeating: "  ", count: line.depth), indent = 2 + 2 * line.depth
                switch line.mark {
                case .same: lines.append(Line(spans: [Span("  " + pad + line.text)], indent: indent, node: true, path: line.newPath, nodeText: line.text,
                                              oldPath: line.oldPath))
                case .added: lines.append(Line(spans: [Span("+ " + pad + line.text, .added)], indent: indent, node: true, path: line.newPath,
                                               nodeText: line.text))
                case .removed: lines.append(Line(spans: [Span("− " + pad + line.text, .removed)], indent: indent, node: true, nodeText: line.text,
                                                 oldPath: line.oldPath))
                case .changed:
                    lines.append(Line(spans: [Span("~ " + pad + line.text, .changed)], indent: indent, node: true, path: line.newPath,
                                      nodeText: line.text, oldPath: line.oldPath))
                    lines.append(Line(spans: [Span("  " + pad + "  was: " + (line.oldText ?? ""), .dim)], indent: indent + 2, node: false))
                }
            }
            for m in diff.moves { lines.append(Line(spans: [Span("moved \(m.predicate): \(m.from) → \(m.to)", .moved)], indent: 6, node: false)) }
        } else {
            title = [Span("after \(step)", .title)]
        }
        self.lines = lines
    }

    /// Columns of the widest line.
    var width: Int { lines.map { $0.spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }.max() ?? 0 }

    /// The lines as rows `width` columns wide: each line on one row (cut by the screen),
    /// or with `wrap` on as many rows as it takes, broken after a space where one is near
    /// and later rows indented past the node's own indent.
    func rows(width: Int, wrap: Bool) -> [Row] {
        guard wrap, width > 8 else { return lines.indices.map { Row(line: $0, spans: lines[$0].spans) } }
        var rows: [Row] = []
        for (i, line) in lines.enumerated() {
            let cells = line.spans.flatMap { span in span.text.map { (c: $0, role: span.role) } }
            let continuation = min(line.indent + 4, width / 2)
            var start = 0, room = width, prefix = ""
            while start < cells.count {
                // As many characters as fit, then back to just after the last space if that
                // keeps at least half the row.
                var end = start, used = 0
                while end < cells.count, used + DisplayWidth.of(cells[end].c) <= room {
                    used += DisplayWidth.of(cells[end].c)
                    end += 1
                }
                if end == start { end = start + 1 }
                if end < cells.count, let space = cells[start..<end].lastIndex(where: { $0.c == " " }), space + 1 - start > room / 2 {
                    end = space + 1
                }
                rows.append(Row(line: i, spans: (prefix.isEmpty ? [] : [Span(prefix)]) + Self.spans(cells[start..<end])))
                start = end
                prefix = String(repeating: " ", count: continuation)
                room = width - continuation
            }
            if cells.isEmpty { rows.append(Row(line: i, spans: [])) }
        }
        return rows
    }

    /// Characters with roles back into spans (a span per run of one role).
    static func spans(_ cells: ArraySlice<(c: Character, role: Role)>) -> [Span] {
        var out: [Span] = []
        var text = "", role = cells.first?.role ?? .text
        for cell in cells {
            if cell.role != role, !text.isEmpty {
                out.append(Span(text, role))
                text = ""
            }
            role = cell.role
            text.append(cell.c)
        }
        if !text.isEmpty { out.append(Span(text, role)) }
        return out
    }

    /// `spans` with their first `columns` columns left out (scrolled sideways).
    static func dropping(_ columns: Int, from spans: [Span]) -> [Span] {
        guard columns > 0 else { return spans }
        var left = columns
        var out: [Span] = []
        for span in spans {
            if left <= 0 { out.append(span); continue }
            var text = Substring(span.text)
            while left > 0, let c = text.first {
                left -= DisplayWidth.of(c)
                text = text.dropFirst()
            }
            if !text.isEmpty { out.append(Span(String(text), span.role)) }
        }
        return out
    }
}

/// Where the plan beside the trace is: the node cursor, the first row shown, how far it
/// is scrolled sideways, and whether lines wrap. The cursor and first row belong to one
/// step (another step starts at its top).
public struct PlanScroll: Equatable, Sendable {
    public var step = 0
    public var cursor = 0
    public var top = 0
    public var left = 0
    public var wrap = false
    public init() {}
}
