import PlanCore
import PlanEngine

/// A JSON array with one object per row; decimals keep their exact digits.
public enum JSONFormatter {
    public static func render(_ result: StatementResult) -> String { document(result).pretty }

    /// The rows as a JSON array of objects (keys: the column names people see).
    public static func document(_ result: StatementResult) -> JSONValue {
        let names = result.schema.displayNames
        return .array(result.rows.map { row in .object(zip(names, row).map { ($0, value($1, zone: result.timeZone)) }) })
    }

    /// JSON lines: one object per row, one row per line.
    public static func lines(_ result: StatementResult) -> String {
        guard case .array(let rows) = document(result) else { return "" }
        return rows.map(\.compact).joined(separator: "\n")
    }

    public static func value(_ v: ScalarValue, zone: SQLTimeZone = .utc) -> JSONValue {
        switch v {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .int16, .int32, .int64: .int(v.int64Value ?? 0)
        case .float32, .float64:
            (v.doubleValue.map { $0.isFinite } ?? false) ? .number(ValueText.text(v)) : .string(ValueText.text(v))
        case .decimal: .number(v.sqlText)
        case .numeric(let n): n.isNaN ? .string(n.text) : .number(n.text)
        default: .string(v.sqlText(in: zone))
        }
    }
}
