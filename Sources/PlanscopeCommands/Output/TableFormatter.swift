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

    public init(style: TableStyle = .unicode) { self.style = style }

    public func render(_ result: StatementResult) -> String {
        render(header: result.schema.displayNames, types: result.schema.fields.map(\.dataType),
               rows: result.rows.map { $0.map { $0.isNull ? nullText : ValueText.text($0) } })
    }

    /// Renders arbitrary text cells (used for command output too).
    public func render(header: [String], types: [DataType], rows: [[String]]) -> String {
        let width = header.indices.map { c in
            rows.reduce(displayWidth(header[c])) { max($0, displayWidth($1[c])) }
        }
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
        out.append("(\(rows.count) row\(rows.count == 1 ? "" : "s"))")
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
