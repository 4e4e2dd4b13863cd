import Foundation
import PlanCore

/// Builds a column row by row, from values already of (or coercible to) its type.
public struct ColumnBuilder: Sendable {
    public let dataType: DataType
    private var values: ColumnValues
    /// Rows appended so far, and which of them are NULL (the validity bitmap is made
    /// once, at the end, and only when there is a NULL).
    public private(set) var count = 0
    private var nullRows: [Int] = []
    private var hasNull: Bool { !nullRows.isEmpty }

    public init(_ dataType: DataType, capacity: Int = 0) {
        self.dataType = dataType
        switch dataType {
        case .null: values = .null(count: 0)
        case .boolean: values = .boolean([])
        case .int16: values = .int16([])
        case .int32: values = .int32([])
        case .int64: values = .int64([])
        case .float32: values = .float32([])
        case .float64: values = .float64([])
        // NUMERIC values are packed (NumericValue.packed) in the decimals' buffer.
        case .decimal, .numeric: values = .decimal([])
        case .varchar, .char: values = .string(StringArray())
        // Bytes share the strings' offsets-and-bytes layout; the column's type tells them apart.
        case .binary: values = .string(StringArray())
        case .date: values = .date([])
        // A TIMESTAMPTZ's UTC microseconds share the timestamps' buffer; the type tells them apart.
        case .timestamp, .timestampTZ: values = .timestamp([])
        case .interval: values = .interval([])
        }
    }


    public mutating func appendNull() {
        nullRows.append(count)
        count += 1
        switch values {
        case .null(let n): values = .null(count: n + 1)
        case .boolean(var a): values = .null(count: 0); a.append(false); values = .boolean(a)
        case .int16(var a): values = .null(count: 0); a.append(0); values = .int16(a)
        case .int32(var a): values = .null(count: 0); a.append(0); values = .int32(a)
        case .int64(var a): values = .null(count: 0); a.append(0); values = .int64(a)
        case .float32(var a): values = .null(count: 0); a.append(0); values = .float32(a)
        case .float64(var a): values = .null(count: 0); a.append(0); values = .float64(a)
        case .decimal(var a): values = .null(count: 0); a.append(0); values = .decimal(a)
        case .string(var a): values = .null(count: 0); a.append(""); values = .string(a)
        case .date(var a): values = .null(count: 0); a.append(0); values = .date(a)
        case .timestamp(var a): values = .null(count: 0); a.append(0); values = .timestamp(a)
        case .interval(var a): values = .null(count: 0); a.append(Interval()); values = .interval(a)
        }
    }

    /// Appends a value whose type matches the column's (integers widen, decimals
    /// rescale); anything else is appended as NULL and reported by returning `false`.
    @discardableResult
    public mutating func append(_ v: ScalarValue) -> Bool {
        if v.isNull { appendNull(); return true }
        var ok = true
        switch values {
        case .null(let n): values = .null(count: n + 1); nullRows.append(count); count += 1; return false
        case .boolean(var a):
            values = .null(count: 0)
            if case .boolean(let b) = v { a.append(b) } else { a.append(false); ok = false }
            values = .boolean(a)
        case .int16(var a):
            values = .null(count: 0)
            if let i = v.int64Value, let x = Int16(exactly: i) { a.append(x) } else { a.append(0); ok = false }
            values = .int16(a)
        case .int32(var a):
            values = .null(count: 0)
            if let i = v.int64Value, let x = Int32(exactly: i) { a.append(x) } else if case .date(let d) = v { a.append(d) } else { a.append(0); ok = false }
            values = .int32(a)
        case .int64(var a):
            values = .null(count: 0)
            if let i = v.int64Value { a.append(i) } else { a.append(0); ok = false }
            values = .int64(a)
        case .float32(var a):
            values = .null(count: 0)
            if let d = v.doubleValue { a.append(Float(d)) } else { a.append(0); ok = false }
            values = .float32(a)
        case .float64(var a):
            values = .null(count: 0)
            if let d = v.doubleValue { a.append(d) } else { a.append(0); ok = false }
            values = .float64(a)
        case .decimal(var a):
            values = .null(count: 0)
            let scale: Int
            if case .decimal(_, let s) = dataType { scale = s } else { scale = 0 }
            if dataType == .numeric {
                // Converted as CAST converts (a value that does not fit is not appended).
                if case .numeric(let n)? = try? ScalarOps.cast(v, to: .numeric) { a.append(n.packed) } else { a.append(0); ok = false }
                values = .decimal(a)
                if !ok { nullRows.append(count) }
                count += 1
                return ok
            }
            switch v {
            case .decimal(let u, _, let s):
                if let r = DecimalMath.rescale(u, from: s, to: scale) { a.append(r) } else { a.append(0); ok = false }
            default:
                if let i = v.int64Value, let r = DecimalMath.rescale(Int128(i), from: 0, to: scale) { a.append(r) }
                else { a.append(0); ok = false }
            }
            values = .decimal(a)
        case .string(var a):
            values = .null(count: 0)
            switch v {
            case .string(let s): a.append(s)
            case .binary(let b): a.append(utf8: b)
            default: a.append(v.sqlText)
            }
            values = .string(a)
        case .date(var a):
            values = .null(count: 0)
            if case .date(let d) = v { a.append(d) } else { a.append(0); ok = false }
            values = .date(a)
        case .timestamp(var a):
            values = .null(count: 0)
            if case .timestamp(let t) = v { a.append(t) }
            else if case .timestampTZ(let t) = v { a.append(t) }
            else if case .date(let d) = v { a.append(Int64(d) * 86_400_000_000) }
            else { a.append(0); ok = false }
            values = .timestamp(a)
        case .interval(var a):
            values = .null(count: 0)
            if case .interval(let i) = v { a.append(i) } else { a.append(Interval()); ok = false }
            values = .interval(a)
        }
        if !ok { nullRows.append(count) }
        count += 1
        return ok
    }

    /// Appends row `r` of `column`: the raw value when both are of the same type (no
    /// `ScalarValue` on the way), converted otherwise.
    public mutating func append(_ column: ColumnVector, row r: Int) {
        if column.isNull(r) { appendNull(); return }
        if case .string(let s) = column.values, column.dataType.isString, dataType.isString {
            appendRawUTF8(s.bytes[s.range(r)])
            return
        }
        guard column.dataType == dataType else { append(column.value(r)); return }
        switch column.values {
        case .int64(let a): if appendInt64(a[r]) { return }
        case .int32(let a): if appendInt32(a[r]) { return }
        case .float64(let a): if appendFloat64(a[r]) { return }
        case .decimal(let a): if appendDecimal(unscaled: a[r]) { return }
        case .date(let a): if appendDate(a[r]) { return }
        case .string(let s) where dataType.isString:
            appendRawUTF8(s.bytes[s.range(r)])
            return
        default: break
        }
        append(column.value(r))
    }

    /// Appends every row of a column of the same physical type.
    public mutating func append(contentsOf column: ColumnVector) {
        for i in 0..<column.count { append(column.value(i)) }
    }

    mutating func appendRawUTF8(_ bytes: ArraySlice<UInt8>) {
        guard case .string(var a) = values else {
            append(.string(String(decoding: bytes, as: UTF8.self)))
            return
        }
        values = .null(count: 0)
        a.append(utf8: bytes)
        values = .string(a)
        count += 1
    }

    /// Appends raw UTF-8 bytes to a string column (false, appending nothing, for others).
    public mutating func appendUTF8(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .string(var a) = values else { return false }
        values = .null(count: 0)
        a.append(bytes: bytes)
        values = .string(a)
        count += 1
        return true
    }

    /// Typed appends for readers that parse straight into the column (no `ScalarValue`
    /// per field). Each returns false, appending nothing, when the column is of another
    /// type; the caller then takes the general path.
    public mutating func appendInt64(_ x: Int64) -> Bool {
        guard case .int64(var a) = values else { return false }
        values = .null(count: 0)
        a.append(x)
        values = .int64(a)
        count += 1
        return true
    }

    public mutating func appendInt32(_ x: Int32) -> Bool {
        guard case .int32(var a) = values else { return false }
        values = .null(count: 0)
        a.append(x)
        values = .int32(a)
        count += 1
        return true
    }

    public mutating func appendFloat64(_ x: Double) -> Bool {
        guard case .float64(var a) = values else { return false }
        values = .null(count: 0)
        a.append(x)
        values = .float64(a)
        count += 1
        return true
    }

    /// An unscaled value already at the column's scale.
    public mutating func appendDecimal(unscaled x: Int128) -> Bool {
        guard case .decimal(var a) = values else { return false }
        values = .null(count: 0)
        a.append(x)
        values = .decimal(a)
        count += 1
        return true
    }

    /// Days since 1970-01-01.
    public mutating func appendDate(_ x: Int32) -> Bool {
        guard case .date(var a) = values else { return false }
        values = .null(count: 0)
        a.append(x)
        values = .date(a)
        count += 1
        return true
    }

    public func finish() -> ColumnVector {
        guard hasNull else { return ColumnVector(dataType, values) }
        var validity = Bitmap(count: count, value: true)
        for r in nullRows { validity.set(r, false) }
        return ColumnVector(dataType, values, validity: validity)
    }
}

extension ColumnBuilder {
    /// Appends UTF-8 bytes to a string column (`""` unescaped to `"` when `escaped`).
    public mutating func appendUTF8(_ bytes: ArraySlice<UInt8>, escaped: Bool = false) {
        if escaped {
            append(.string(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"\"", with: "\"")))
            return
        }
        appendRawUTF8(bytes)
    }
}
