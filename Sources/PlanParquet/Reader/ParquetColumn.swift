import PlanCore

/// One top-level column of a Parquet file as planscope reads it: its name, the SQL type
/// it becomes, and how its leaf's physical values convert — or why planscope cannot read
/// it (a nested group, LIST, MAP, TIME, UUID, FLOAT16, …), which is an error naming the
/// column only when a scan reads it.
public struct ParquetColumn: Sendable, Equatable {
    public let name: String
    /// The column's type in planscope (TEXT for a column planscope cannot read).
    public let dataType: DataType
    /// Why the column cannot be read, if so.
    public let unsupported: String?
    /// The file's type of a column planscope cannot read (`LIST`, `MAP`, `STRUCT`, `TIME`, …).
    public var unsupportedType: String? = nil
    /// The index of the column's (first) leaf among the row groups' column chunks.
    public let leaf: Int
    /// Leaves under this column (1 for a flat column).
    public let leafCount: Int
    public let physicalType: PhysicalType
    public let typeLength: Int
    /// 1 for an OPTIONAL column, 0 for a REQUIRED one.
    public let maxDefinitionLevel: Int
    public let conversion: Conversion

    /// How physical values become the column's values.
    public enum Conversion: Sendable, Equatable {
        case boolean, int16, int32, int64, uint32, float32, float64, string, binary, date
        /// Unsigned 64-bit integers as DECIMAL(20, 0).
        case uint64
        /// A decimal from INT32, INT64 or big-endian two's-complement bytes.
        case decimal(precision: Int, scale: Int)
        /// INT64 timestamps scaled to microseconds (÷1000 for nanoseconds, truncated).
        case timestamp(SchemaElement.TimeUnit)
        /// INT96: nanoseconds of the day, then the Julian day.
        case int96
        case none
    }

    /// The file's top-level columns from its flattened schema.
    public static func columns(of schema: [SchemaElement]) throws(DecodeError) -> [ParquetColumn] {
        guard let root = schema.first else { throw DecodeError("the file has no schema", at: 0) }
        var out: [ParquetColumn] = []
        var index = 1
        var leaf = 0
        let children = Int(root.numChildren ?? 0)
        for _ in 0..<max(0, children) {
            guard index < schema.count else { throw DecodeError("the schema lists fewer elements than its groups' children", at: 0) }
            let element = schema[index]
            let (next, leaves) = try skipSubtree(schema, index)
            if element.numChildren != nil {
                let kind: String
                switch (element.logicalType, element.convertedType) {
                case (.list?, _), (_, 3?): kind = "LIST"
                case (.map?, _), (_, 1?), (_, 2?): kind = "MAP"
                default: kind = "STRUCT"
                }
                out.append(unreadable(element.name, leaf: leaf, leaves: leaves, type: kind,
                                      reason: "\(kind == "STRUCT" ? "a nested group (STRUCT)" : kind) columns are not supported"))
            } else {
                out.append(flat(element, leaf: leaf))
            }
            index = next
            let (sum, o) = leaf.addingReportingOverflow(leaves)
            guard !o else { throw DecodeError("the schema has too many columns", at: 0) }
            leaf = sum
        }
        return out
    }

    /// The element after `index`'s subtree and the number of leaves in it.
    static func skipSubtree(_ schema: [SchemaElement], _ index: Int) throws(DecodeError) -> (Int, Int) {
        var pending = 1
        var at = index
        var leaves = 0
        while pending > 0 {
            guard at < schema.count else { throw DecodeError("the schema lists fewer elements than its groups' children", at: 0) }
            pending -= 1
            if let n = schema[at].numChildren {
                guard n >= 0, Int(n) <= schema.count else { throw DecodeError("a schema group has \(n) children", at: 0) }
                pending += Int(n)
            } else {
                leaves += 1
            }
            at += 1
        }
        return (at, leaves)
    }

    static func unreadable(_ name: String, leaf: Int, leaves: Int, type: String, reason: String) -> ParquetColumn {
        ParquetColumn(name: name, dataType: .text, unsupported: reason, unsupportedType: type, leaf: leaf, leafCount: leaves,
                      physicalType: .byteArray, typeLength: 0, maxDefinitionLevel: 0, conversion: .none)
    }

    static func flat(_ e: SchemaElement, leaf: Int) -> ParquetColumn {
        let physical = e.type ?? .byteArray
        func make(_ type: DataType, _ conversion: Conversion) -> ParquetColumn {
            ParquetColumn(name: e.name, dataType: type, unsupported: nil, leaf: leaf, leafCount: 1, physicalType: physical,
                          typeLength: Int(e.typeLength ?? 0), maxDefinitionLevel: e.repetition == .optional ? 1 : 0, conversion: conversion)
        }
        /// A column of the file's `type` that cannot be read (by default: `TYPE columns are not supported`).
        func no(_ type: String, _ reason: String? = nil) -> ParquetColumn {
            unreadable(e.name, leaf: leaf, leaves: 1, type: type, reason: reason ?? "\(type) columns are not supported")
        }
        if e.repetition == .repeated { return unreadable(e.name, leaf: leaf, leaves: 1, type: "LIST", reason: "repeated (LIST) columns are not supported") }
        guard let type = e.type else { return no("no physical type", "the column has no physical type") }
        // The logical type, else the legacy converted type.
        switch e.logicalType {
        case .time?: return no("TIME")
        case .uuid?: return no("UUID")
        case .float16?: return no("FLOAT16")
        case .bson?: return no("BSON")
        case .other(let id)?: return no("logical type \(id)", "logical type \(id) is not supported")
        case .list?, .map?: return no(e.logicalType == .list ? "LIST" : "MAP", "LIST and MAP columns are not supported")
        default: break
        }
        if case .decimal(let scale, let precision)? = e.logicalType {
            return decimal(Int(precision), Int(scale), type, make, no)
        }
        if e.convertedType == 5 { return decimal(Int(e.precision ?? 0), Int(e.scale ?? 0), type, make, no) }
        if case .timestamp(let utc, let unit)? = e.logicalType {
            guard type == .int64 else { return no("TIMESTAMP", "a TIMESTAMP stored as \(type)") }
            // isAdjustedToUTC: instants (TIMESTAMPTZ); otherwise wall-clock times.
            return make(utc ? .timestampTZ : .timestamp, .timestamp(unit))
        }
        if case .integer(let width, let signed)? = e.logicalType {
            switch (width, signed, type) {
            case (8, true, .int32), (16, true, .int32), (8, false, .int32): return make(.int16, .int16)
            case (32, true, .int32), (16, false, .int32): return make(.int32, .int32)
            case (32, false, .int32): return make(.int64, .uint32)
            case (64, true, .int64): return make(.int64, .int64)
            case (64, false, .int64): return make(.decimal(precision: 20, scale: 0), .uint64)
            default: return no("INTEGER(\(width), \(signed))", "INTEGER(\(width), \(signed)) stored as \(type) is not supported")
            }
        }
        switch (e.convertedType, type) {
        case (6?, .int32): return make(.date, .date)
        case (7?, _), (8?, _): return no("TIME")
        case (9?, .int64): return make(.timestamp, .timestamp(.millis))
        case (10?, .int64): return make(.timestamp, .timestamp(.micros))
        case (15?, .int32), (16?, .int32), (11?, .int32): return make(.int16, .int16)
        case (12?, .int32): return make(.int32, .int32)
        case (13?, .int32): return make(.int64, .uint32)
        case (14?, .int64): return make(.decimal(precision: 20, scale: 0), .uint64)
        case (21?, _): return no("INTERVAL")
        case (20?, _): return no("BSON")
        default: break
        }
        if e.logicalType == .date, type == .int32 { return make(.date, .date) }
        let isText = e.logicalType == .string || e.logicalType == .enumeration || e.logicalType == .json
            || e.convertedType == 0 || e.convertedType == 4 || e.convertedType == 19
        switch type {
        case .boolean: return make(.boolean, .boolean)
        case .int32: return make(.int32, .int32)
        case .int64: return make(.int64, .int64)
        case .float: return make(.float32, .float32)
        case .double: return make(.float64, .float64)
        case .int96: return make(.timestamp, .int96)
        case .byteArray: return isText ? make(.text, .string) : make(.binary, .binary)
        case .fixedLenByteArray:
            guard let n = e.typeLength, n > 0 else { return no("FIXED_LEN_BYTE_ARRAY", "a FIXED_LEN_BYTE_ARRAY without a length") }
            return isText ? make(.text, .string) : make(.binary, .binary)
        default: return no("physical type \(type.rawValue)", "physical type \(type.rawValue) is not supported")
        }
    }

    static func decimal(_ precision: Int, _ scale: Int, _ type: PhysicalType,
                        _ make: (DataType, Conversion) -> ParquetColumn, _ no: (String, String?) -> ParquetColumn) -> ParquetColumn {
        guard precision >= 1, precision <= DataType.maxDecimalPrecision else {
            return no("DECIMAL(\(precision), \(scale))", "DECIMAL(\(precision), \(scale)) has more than \(DataType.maxDecimalPrecision) digits")
        }
        guard scale >= 0, scale <= precision else { return no("DECIMAL(\(precision), \(scale))", "DECIMAL(\(precision), \(scale)) has a scale outside 0…precision") }
        switch type {
        case .int32, .int64, .fixedLenByteArray, .byteArray: return make(.decimal(precision: precision, scale: scale), .decimal(precision: precision, scale: scale))
        default: return no("DECIMAL(\(precision), \(scale))", "a DECIMAL stored as \(type) is not supported")
        }
    }
}
