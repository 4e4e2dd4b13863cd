import PlanCore
import PlanEngine

/// Box characters for aligned tables.
public enum TableStyle: Sendable {
    case unicode, ascii
}

/// An aligned table: header, rule, rows; numbers right-aligned; a row count below.
public struct TableFormatter: Sendable {
    public var style: TableStyle
    public var nullText = "NULL"
    /// The widest a table may be (the terminal's columns): wider cells are cut with `…`
    /// so the box drawing never wraps. Nil: no limit.
    public var maxWidth: Int?

    public init(style: TableStyle = .unicode) { self.style = style }

    public func render(_ result: StatementResult) -> String {
        render(header: result.schema.displayNames, types: result.schema.fields.map(\.dataType),
               rows: result.rows.map { $0.map { $0.isNull ? nullText : ValueText.text($0, zone: result.timeZone) } })
    }

    /// The cells of a result, as text.
    public func cells(_ result: StatementResult) -> (header: [String], types: [DataType], rows: [[String]]) {
        (result.schema.displayNames, result.schema.fields.map(\.dataType),
         result.rows.map { $0.map { $0.isNull ? nullText : ValueText.text($0, zone: result.timeZone) } })
    }

    /// The width the table would take with no limit.
    public func naturalWidth(header: [String], rows: [[String]]) -> Int {
        header.indices.reduce(1) { acc, c in acc + rows.reduce(displayWidth(header[c])) { max($0, displayWidth($1[c])) } + 3 }
    }

    /// One record per block, one `column | value` line per column (psql's `\x`).
    public func renderExpanded(header: [String], rows: [[String]]) -> String {
        let nameWidth = header.map(displayWidth).max() ?? 0
        var out: [String] = []
        for (i, row) in rows.enumerated() {
            let title = "-[ RECORD \(i + 1) ]"
            out.append(title + String(repeating: "-", count: max(3, nameWidth + 3 - title.count + 12)))
            for (name, value) in zip(header, row) {
                out.append(name + String(repeating: " ", count: nameWidth - displayWidth(name)) + " | " + value)
            }
        }
        out.append("(\(counted(rows.count, "row")))")
        return out.joined(separator: "\n")
    }

    /// Renders arbitrary text cells (used for command output too). With ``maxWidth``, a
    /// table too wide for it first narrows its text columns (cut with `…`, never below
    /// ``minimumTextWidth``); if it is still too wide, middle columns are left out, an `…`
    /// column standing for them (as DuckDB's CLI does), so numbers are never cut.
    public func render(header: [String], types: [DataType], rows: [[String]]) -> String {
        let numeric = types.map { ValueText.isNumeric($0) }
        var width = header.indices.map { c in
            rows.reduce(displayWidth(header[c])) { max($0, displayWidth($1[c])) }
        }
        var shown = Array(header.indices)
        if let maxWidth {
            (width, shown) = fitted(width, numeric: numeric, into: maxWidth)
        }
        func fit(_ text: String, _ w: Int) -> String {
            guard displayWidth(text) > w else { return text }
            var out = ""
            for ch in text {
                if displayWidth(out + String(ch)) > w - 1 { break }
                out.append(ch)
            }
            return out + "…"
        }
        // The columns drawn: shown ones, with nil for the `…` column where others are left out.
        var columns: [Int?] = []
        for (i, c) in shown.enumerated() {
            if i > 0, c != shown[i - 1] + 1 { columns.append(nil) }
            columns.append(c)
        }
        let widths = columns.map { $0.map { width[$0] } ?? 1 }
        let (h, v, tl, tm, tr, ml, mm, mr, bl, bm, br) = style == .unicode
            ? ("─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘")
            : ("-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+")
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: h, count: $0 + 2) }.joined(separator: m) + r
        }
        func line(_ cells: [String], right: Bool) -> String {
            v + columns.enumerated().map { i, c in
                guard let c else { return " … " }
                let text = fit(cells[c], width[c])
                let pad = String(repeating: " ", count: width[c] - displayWidth(text))
                return " " + (right && numeric[c] ? pad + text : text + pad) + " "
            }.joined(separator: v) + v
        }
        var out = [rule(tl, tm, tr), line(header, right: false), rule(ml, mm, mr)]
        for row in rows { out.append(line(row, right: true)) }
        out.append(rule(bl, bm, br))
        let left = header.count - shown.count
        out.append("(\(counted(rows.count, "row"))" + (left > 0 ? "; \(shown.count) of \(header.count) columns shown" : "") + ")")
        return out.joined(separator: "\n")
    }

    /// Text columns are narrowed to no fewer columns than this before columns are left out.
    public static let minimumTextWidth = 10

    /// Column widths and the columns shown for a table at most `maxWidth` wide: the widest
    /// text columns narrowed first; then columns kept from both ends, alternately, while
    /// they fit beside an `…` column (the first column is always kept).
    func fitted(_ natural: [Int], numeric: [Bool], into maxWidth: Int) -> (width: [Int], shown: [Int]) {
        var width = natural
        func total(_ columns: [Int], gap: Bool) -> Int { columns.reduce(1) { $0 + width[$1] + 3 } + (gap ? 4 : 0) }
        let all = Array(width.indices)
        while total(all, gap: false) > maxWidth,
              let widest = all.filter({ !numeric[$0] && width[$0] > Self.minimumTextWidth }).max(by: { width[$0] < width[$1] }) {
            width[widest] -= 1
        }
        guard total(all, gap: false) > maxWidth, !all.isEmpty else { return (width, all) }
        var left = [0], right: [Int] = []
        var next = (left: 1, right: all.count - 1), fromLeft = false
        while next.left <= next.right {
            let candidate = fromLeft ? next.left : next.right
            let columns = left + (fromLeft ? [candidate] : []) + (fromLeft ? [] : [candidate]) + right
            guard total(columns, gap: true) <= maxWidth else { break }
            if fromLeft { left.append(candidate); next.left += 1 } else { right.insert(candidate, at: 0); next.right -= 1 }
            fromLeft.toggle()
        }
        return (width, left + right)
    }

    /// Terminal columns a string takes (East Asian wide characters count two).
    func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { acc, u in
            let v = u.value
            if v < 0x300 { return acc + 1 }
            if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) { return acc }
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
                return acc + 2
            }
            return acc + 1
        }
    }
}
