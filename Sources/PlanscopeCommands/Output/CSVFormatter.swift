import PlanCore
import PlanEngine

/// RFC 4180 CSV with a header row; NULL is an empty field, an empty string is `""`.
public enum CSVFormatter {
    public static func render(_ result: StatementResult) -> String {
        var lines = [result.schema.displayNames.map(quote).joined(separator: ",")]
        for row in result.rows {
            lines.append(row.map { v -> String in
                if v.isNull { return "" }
                let text = ValueText.text(v, zone: result.timeZone)
                return text.isEmpty ? "\"\"" : quote(text)
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    public static func quote(_ s: String) -> String {
        // By code point: "\r\n" is one `Character`, equal to neither "\r" nor "\n".
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }
}

extension String {
    /// Every `target` code point replaced (by code point: a `"` followed by a combining
    /// mark is one `Character`, but still a quote).
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for c in unicodeScalars { if c == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(c) } }
        return String(out)
    }
}
