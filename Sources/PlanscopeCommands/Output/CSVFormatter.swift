import PlanCore
import PlanEngine

/// RFC 4180 CSV with a header row; NULL is an empty field, an empty string is `""`.
public enum CSVFormatter {
    public static func render(_ result: StatementResult) -> String {
        var lines = [result.schema.displayNames.map(quote).joined(separator: ",")]
        for row in result.rows {
            lines.append(row.map { v -> String in
                if v.isNull { return "" }
                let text = ValueText.text(v)
                return text.isEmpty ? "\"\"" : quote(text)
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    public static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
