import PlanCore
import PlanEngine
import PlanExec

/// How query results are printed.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, jsonl

    /// Renders a result in this format (no trailing newline).
    public func render(_ result: StatementResult, style: TableStyle = .unicode) -> String {
        switch self {
        case .table: TableFormatter(style: style).render(result)
        case .csv: CSVFormatter.render(result)
        case .json: JSONFormatter.render(result)
        case .jsonl: JSONFormatter.lines(result)
        }
    }
}

/// Text of one value as result formats print it (`NULL` is the caller's choice).
enum ValueText {
    static func text(_ v: ScalarValue) -> String {
        switch v {
        case .float64(let d): format(d)
        case .float32(let f): format(Double(f))
        default: v.sqlText
        }
    }

    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    static func isNumeric(_ t: DataType) -> Bool { t.isNumeric }
}
