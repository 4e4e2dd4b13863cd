import PlanCore
import PlanEngine

/// A JSON array with one object per row; decimals keep their exact digits.
public enum JSONFormatter {
    public static func render(_ result: StatementResult) -> String {
        let names = result.schema.names
        let rows: [JSONValue] = result.rows.map { row in
            .object(zip(names, row).map { ($0, value($1)) })
        }
        return JSONValue.array(rows).pretty
    }

    public static func value(_ v: ScalarValue) -> JSONValue {
        switch v {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .int16, .int32, .int64: .int(v.int64Value ?? 0)
        case .float32, .float64:
            (v.doubleValue.map { $0.isFinite } ?? false) ? .number(ValueText.text(v)) : .string(ValueText.text(v))
        case .decimal: .number(v.sqlText)
        default: .string(v.sqlText)
        }
    }
}
