import PlanExec

/// A page's (or a dictionary's) non-NULL values in their physical type, as decoders
/// produce them. Byte arrays, fixed-length byte arrays and INT96 are all `bytes` (offsets
/// and one buffer, the engine's string layout).
public enum PhysicalValues: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case bytes(StringArray)

    public var count: Int {
        switch self {
        case .boolean(let a): a.count
        case .int32(let a): a.count
        case .int64(let a): a.count
        case .float(let a): a.count
        case .double(let a): a.count
        case .bytes(let a): a.count
        }
    }

    /// An empty buffer of the kind `type` decodes to.
    static func empty(_ type: PhysicalType) -> PhysicalValues {
        switch type {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .float: .float([])
        case .double: .double([])
        default: .bytes(StringArray())
        }
    }
}

/// A column chunk's values gathered page by page: plain pages append their values,
/// dictionary-coded pages append the dictionary's entries at their indices.
struct PhysicalValuesBuilder {
    private(set) var values: PhysicalValues

    init(_ type: PhysicalType, capacity: Int) {
        switch type {
        case .boolean: var a = [Bool](); a.reserveCapacity(capacity); values = .boolean(a)
        case .int32: var a = [Int32](); a.reserveCapacity(capacity); values = .int32(a)
        case .int64: var a = [Int64](); a.reserveCapacity(capacity); values = .int64(a)
        case .float: var a = [Float](); a.reserveCapacity(capacity); values = .float(a)
        case .double: var a = [Double](); a.reserveCapacity(capacity); values = .double(a)
        default: var a = StringArray(); a.reserve(capacity, bytes: 0); values = .bytes(a)
        }
    }

    /// Appends `more` (of the same kind; a page of another kind is a corrupt file).
    mutating func append(_ more: PhysicalValues) throws(DecodeError) {
        switch (values, more) {
        case (.boolean(var a), .boolean(let b)): values = .boolean([]); a.append(contentsOf: b); values = .boolean(a)
        case (.int32(var a), .int32(let b)): values = .int32([]); a.append(contentsOf: b); values = .int32(a)
        case (.int64(var a), .int64(let b)): values = .int64([]); a.append(contentsOf: b); values = .int64(a)
        case (.float(var a), .float(let b)): values = .float([]); a.append(contentsOf: b); values = .float(a)
        case (.double(var a), .double(let b)): values = .double([]); a.append(contentsOf: b); values = .double(a)
        case (.bytes(var a), .bytes(let b)):
            values = .boolean([])
            guard a.bytes.count + b.bytes.count <= Int(Int32.max) else {  // safe: both counts are array sizes
                values = .bytes(a)
                throw DecodeError("a column chunk holds more than 2 GiB of strings", at: 0)
            }
            a.append(contentsOf: b)
            values = .bytes(a)
        default: throw DecodeError("a page's values are not of the column's type", at: 0)
        }
    }

    /// Appends `dictionary[i]` for each index (every index already checked in range).
    mutating func append(dictionary: PhysicalValues, indices: [Int32]) throws(DecodeError) {
        func pick<T>(_ d: [T]) -> [T] { indices.map { d[Int($0)] } }
        switch dictionary {
        case .boolean(let d): try append(.boolean(pick(d)))
        case .int32(let d): try append(.int32(pick(d)))
        case .int64(let d): try append(.int64(pick(d)))
        case .float(let d): try append(.float(pick(d)))
        case .double(let d): try append(.double(pick(d)))
        case .bytes(let d): try append(.bytes(d.gather(indices.map { Int($0) })))
        }
    }
}
