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
               rows: result.rows.map { $0.map { $0.isNull ? nullText : ValueText.text($0) } })
    }

    /// The cells of a result, as text.
    public func cells(_ result: StatementResult) -> (header: [String], types: [DataType], rows: [[String]]) {
        (result.schema.displayNames, result.schema.fields.map(\.dataType),
         result.rows.map { $0.map { $0.isNull ? nullText : ValueText.text($0) } })
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

    /// Renders arbitrary text cells (used for command output too).
    public func render(header: [String], types: [DataType], rows: [[String]]) -> String {
        var width = header.indices.map { c in
            rows.reduce(displayWidth(header[c])) { max($0, displayWidth($1[c])) }
        }
        // Narrow the widest columns until the table fits (never below 3 characters).
        if let maxWidth {
            while width.reduce(1, { $0 + $1 + 3 }) > maxWidth, let widest = width.indices.max(by: { width[$0] < width[$1] }), width[widest] > 3 {
                width[widest] -= 1
            }
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
        let header = header.enumerated().map { fit($1, width[$0]) }
        let rows = rows.map { row in row.enumerated().map { fit($1, width[$0]) } }
        let (h, v, tl, tm, tr, ml, mm, mr, bl, bm, br) = style == .unicode
            ? ("─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘")
            : ("-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+")
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + width.map { String(repeating: h, count: $0 + 2) }.joined(separator: m) + r
        }
        func line(_ cells: [String], alignRight: [Bool]) -> String {
            v + cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: width[c] - displayWidth(text))
                return " " + (alignRight[c] ? pad + text : text + pad) + " "
            }.joined(separator: v) + v
        }
        let numeric = types.map { ValueText.isNumeric($0) }
        var out = [rule(tl, tm, tr), line(header, alignRight: header.map { _ in false }), rule(ml, mm, mr)]
        for row in rows { out.append(line(row, alignRight: numeric)) }
        out.append(rule(bl, bm, br))
        out.append("(\(counted(rows.count, "row")))")
        return out.joined(separator: "\n")
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
