/// Spark's `sideBySide(left, right)` taken apart: each line is a marker (`!` where the
/// sides differ, else a space), the left line padded to the longest left line plus three
/// spaces, then the right line. The block's lines run to the first empty line (before
/// `Output Information:`).
enum SideBySide {
    struct Side {
        var lines: [Substring] = []
    }

    /// The plans before (left) and after (right) in `body`, whose first line is `firstLine`.
    static func split(_ body: [Substring], firstLine: Int) throws(ForeignTraceError) -> (Side, Side) {
        var rows: [[Character]] = []
        for (i, line) in body.enumerated() {
            if line.allSatisfy({ $0 == " " }) || line.hasPrefix("Output Information:") { break }
            guard line.first == "!" || line.first == " " else {
                throw ForeignTraceError(line: firstLine + i, "a side-by-side plan line starts with '\(line.prefix(1))', not '!' or a space")
            }
            rows.append(Array(line.dropFirst()))
        }
        guard !rows.isEmpty else { return (Side(), Side()) }
        guard let width = leftWidth(rows) else {
            throw ForeignTraceError(line: firstLine, "cannot find where the plan after the rule starts on the side-by-side lines")
        }
        var left = Side(), right = Side()
        for row in rows {
            let l = String(row.prefix(width)).reversed().drop { $0 == " " }.reversed()
            if !l.isEmpty { left.lines.append(Substring(String(l))) }
            if row.count > width + 3 {
                let r = row[(width + 3)...].reversed().drop { $0 == " " }.reversed()
                if !r.isEmpty { right.lines.append(Substring(String(r))) }
            }
        }
        return (left, right)
    }

    /// The longest left line's length: the smallest width where some line has text just
    /// before it and every line has three spaces (or its end) right after it, and the
    /// right plan's root is not indented.
    static func leftWidth(_ rows: [[Character]]) -> Int? {
        let longest = rows.map(\.count).max() ?? 0
        for w in 0...longest {
            guard w == 0 || rows.contains(where: { $0.count >= w && $0[w - 1] != " " }) else { continue }
            guard rows.allSatisfy({ row in row.count <= w || (w..<min(w + 3, row.count)).allSatisfy { row[$0] == " " } }) else { continue }
            // The right side's first non-empty line is its root.
            if let root = rows.first(where: { $0.count > w + 3 }), root[w + 3] == " " { continue }
            return w
        }
        return nil
    }
}
