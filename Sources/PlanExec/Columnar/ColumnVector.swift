import PlanCore

/// The typed buffer behind a column.
public enum ColumnValues: Hashable, Sendable {
    case null(count: Int)
    case boolean([Bool])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case float32([Float])
    case float64([Double])
    case decimal([Int128])
    case string(StringArray)
    case date([Int32])
    case timestamp([Int64])
    case interval([Interval])

    public var count: Int {
        switch self {
        case .null(let n): n
        case .boolean(let a): a.count
        case .int16(let a): a.count
        case .int32(let a): a.count
        case .int64(let a): a.count
        case .float32(let a): a.count
        case .float64(let a): a.count
        case .decimal(let a): a.count
        case .string(let a): a.count
        case .date(let a): a.count
        case .timestamp(let a): a.count
        case .interval(let a): a.count
        }
    }
}

/// One column of a batch: a typed buffer plus a validity bitmap (`nil` = no NULLs).
public struct ColumnVector: Hashable, Sendable {
    public let dataType: DataType
    public let values: ColumnValues
    public let validity: Bitmap?

    public init(_ dataType: DataType, _ values: ColumnValues, validity: Bitmap? = nil) {
        self.dataType = dataType
        self.values = values
        if let v = validity, v.setCount == v.count { self.validity = nil } else { self.validity = validity }
    }

    public var count: Int { values.count }

    @inline(__always)
    public func isNull(_ i: Int) -> Bool {
        if case .null = values { return true }
        if let validity { return !validity[i] }
        return false
    }

    public var nullCount: Int {
        if case .null(let n) = values { return n }
        guard let validity else { return 0 }
        return count - validity.setCount
    }

    /// The value at row `i`.
    public func value(_ i: Int) -> ScalarValue {
        if isNull(i) { return .null }
        switch values {
        case .null: return .null
        case .boolean(let a): return .boolean(a[i])
        case .int16(let a): return .int16(a[i])
        case .int32(let a): return .int32(a[i])
        case .int64(let a): return .int64(a[i])
        case .float32(let a): return .float32(a[i])
        case .float64(let a): return .float64(a[i])
        case .decimal(let a):
            if dataType == .numeric { return .numeric(NumericValue(packed: a[i])) }
            if case .decimal(let p, let s) = dataType { return .decimal(a[i], precision: p, scale: s) }
            return .decimal(a[i], precision: 38, scale: 0)
        case .string(let a): return dataType == .binary ? .binary(Array(a.bytes[a.range(i)])) : .string(a[i])
        case .date(let a): return .date(a[i])
        case .timestamp(let a): return dataType == .timestampTZ ? .timestampTZ(a[i]) : .timestamp(a[i])
        case .interval(let a): return .interval(a[i])
        }
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> ColumnVector {
        let v: ColumnValues
        switch values {
        case .null: v = .null(count: indices.count)
        case .boolean(let a): v = .boolean(ColumnVector.gathered(a, indices))
        case .int16(let a): v = .int16(ColumnVector.gathered(a, indices))
        case .int32(let a): v = .int32(ColumnVector.gathered(a, indices))
        case .int64(let a): v = .int64(ColumnVector.gathered(a, indices))
        case .float32(let a): v = .float32(ColumnVector.gathered(a, indices))
        case .float64(let a): v = .float64(ColumnVector.gathered(a, indices))
        case .decimal(let a): v = .decimal(ColumnVector.gathered(a, indices))
        case .string(let a): v = .string(a.gather(indices))
        case .date(let a): v = .date(ColumnVector.gathered(a, indices))
        case .timestamp(let a): v = .timestamp(ColumnVector.gathered(a, indices))
        case .interval(let a): v = .interval(indices.map { a[$0] })
        }
        let validityOut = validity.flatMap { $0.setCount < $0.count ? $0.gathered(indices, count: indices.count) : nil }
        return ColumnVector(dataType, v, validity: validityOut)
    }

    /// `a[i]` for each of `indices` (every index must be in range: they come from the
    /// engine, never from input), without a bounds check per element.
    @inline(__always)
    static func gathered<T>(_ a: [T], _ indices: [Int]) -> [T] {
        a.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, let last = indices.max(), last < source.count, (indices.min() ?? 0) >= 0 else {
                return indices.map { a[$0] }
            }
            return [T].uninitialized(capacity: indices.count) { out, initialized in
                guard let target = out.baseAddress else { initialized = 0; return }
                indices.withUnsafeBufferPointer { idx in
                    for k in 0..<idx.count { (target + k).initialize(to: base[idx[k]]) }
                }
                initialized = indices.count
            }
        }
    }

    /// Rows `range` as a new column.
    public func slice(_ range: Range<Int>) -> ColumnVector {
        if range == 0..<count { return self }
        let v: ColumnValues
        switch values {
        case .null: v = .null(count: range.count)
        case .boolean(let a): v = .boolean(Array(a[range]))
        case .int16(let a): v = .int16(Array(a[range]))
        case .int32(let a): v = .int32(Array(a[range]))
        case .int64(let a): v = .int64(Array(a[range]))
        case .float32(let a): v = .float32(Array(a[range]))
        case .float64(let a): v = .float64(Array(a[range]))
        case .decimal(let a): v = .decimal(Array(a[range]))
        case .string(let a): v = .string(a.slice(range))
        case .date(let a): v = .date(Array(a[range]))
        case .timestamp(let a): v = .timestamp(Array(a[range]))
        case .interval(let a): v = .interval(Array(a[range]))
        }
        return ColumnVector(dataType, v, validity: validity?.gathered(range, count: range.count))
    }

    /// A column of `count` copies of `value`.
    public static func constant(_ value: ScalarValue, type: DataType, count: Int) -> ColumnVector {
        switch (value, type) {
        case (.null, _): return ColumnVector(type, ColumnBuilder(type).finish().values.isNullKind ? .null(count: count) : nullValues(type, count),
                                             validity: Bitmap(count: count, value: false))
        case (.int64(let v), .int64): return ColumnVector(type, .int64(Array(repeating: v, count: count)))
        case (.int32(let v), .int32): return ColumnVector(type, .int32(Array(repeating: v, count: count)))
        case (.float64(let v), .float64): return ColumnVector(type, .float64(Array(repeating: v, count: count)))
        case (.date(let v), .date): return ColumnVector(type, .date(Array(repeating: v, count: count)))
        case (.timestamp(let v), .timestamp), (.timestampTZ(let v), .timestampTZ):
            return ColumnVector(type, .timestamp(Array(repeating: v, count: count)))
        case (.boolean(let v), .boolean): return ColumnVector(type, .boolean(Array(repeating: v, count: count)))
        case (.numeric(let n), .numeric):
            return ColumnVector(type, .decimal(Array(repeating: n.packed, count: count)))
        case (.decimal(let u, _, let s), .decimal(_, let ts)) where s == ts:
            return ColumnVector(type, .decimal(Array(repeating: u, count: count)))
        default: break
        }
        var b = ColumnBuilder(type, capacity: count)
        for _ in 0..<count { b.append(value) }
        return b.finish()
    }

    /// All columns' rows one after the other (same type).
    public static func concat(_ parts: [ColumnVector], type: DataType) -> ColumnVector {
        if parts.count == 1 { return parts[0] }
        if let typed = concatTyped(parts, type: type) { return typed }
        var b = ColumnBuilder(type, capacity: parts.reduce(0) { $0 + $1.count })
        for p in parts { b.append(contentsOf: p) }
        return b.finish()
    }
}

extension ColumnVector {
    /// Like ``gather(_:)`` but an index of -1 produces NULL (outer-join padding).
    public func gatherOrNull(_ indices: [Int]) -> ColumnVector {
        if !indices.contains(-1) { return gather(indices) }
        if count == 0 { return .constant(.null, type: dataType, count: indices.count) }
        let values = gather(indices.map { max(0, $0) }).values
        var valid = Bitmap(count: indices.count, value: true)
        for (o, i) in indices.enumerated() where i < 0 || isNull(i) { valid.set(o, false) }
        return ColumnVector(dataType, values, validity: valid)
    }

    /// Columns of one physical type and `type` joined buffer by buffer (nil: mixed).
    static func concatTyped(_ parts: [ColumnVector], type: DataType) -> ColumnVector? {
        guard parts.allSatisfy({ $0.dataType == type }) else { return nil }
        func joined<T>(_ pick: (ColumnValues) -> [T]?) -> [T]? {
            var out: [T] = []
            out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for p in parts {
                guard let a = pick(p.values) else { return nil }
                out.append(contentsOf: a)
            }
            return out
        }
        let values: ColumnValues?
        switch parts.first?.values {
        case .int64: values = joined { if case .int64(let a) = $0 { a } else { nil } }.map { .int64($0) }
        case .int32: values = joined { if case .int32(let a) = $0 { a } else { nil } }.map { .int32($0) }
        case .float64: values = joined { if case .float64(let a) = $0 { a } else { nil } }.map { .float64($0) }
        case .decimal: values = joined { if case .decimal(let a) = $0 { a } else { nil } }.map { .decimal($0) }
        case .date: values = joined { if case .date(let a) = $0 { a } else { nil } }.map { .date($0) }
        case .timestamp: values = joined { if case .timestamp(let a) = $0 { a } else { nil } }.map { .timestamp($0) }
        case .boolean: values = joined { if case .boolean(let a) = $0 { a } else { nil } }.map { .boolean($0) }
        case .string:
            var out = StringArray()
            out.reserve(parts.reduce(0) { $0 + $1.count }, bytes: parts.reduce(0) { acc, p in
                if case .string(let s) = p.values { acc + s.bytes.count } else { acc }
            })
            for p in parts {
                guard case .string(let s) = p.values else { return nil }
                out.append(contentsOf: s)
            }
            values = .string(out)
        default: values = nil
        }
        guard let values else { return nil }
        var validity: Bitmap?
        if parts.contains(where: { $0.validity != nil }) {
            var v = Bitmap(count: 0, value: true)
            for p in parts { for i in 0..<p.count { v.append(!p.isNull(i)) } }
            validity = v
        }
        return ColumnVector(type, values, validity: validity)
    }
}

extension ColumnValues {
    var isNullKind: Bool { if case .null = self { true } else { false } }
}

extension ColumnVector {
    /// Zero-filled buffers of `count` rows for a type (their validity marks them NULL).
    static func nullValues(_ type: DataType, _ count: Int) -> ColumnValues {
        var b = ColumnBuilder(type, capacity: count)
        for _ in 0..<count { b.appendNull() }
        return b.finish().values
    }
}
