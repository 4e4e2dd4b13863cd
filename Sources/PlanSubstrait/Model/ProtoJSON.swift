import Foundation

/// A 64-bit integer in the protobuf JSON mapping: written as a string, read from a
/// string or a number.
public struct ProtoInt64: Codable, Hashable, Sendable {
    public var value: Int64
    public init(_ value: Int64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int64.self) { value = n; return }
        let s = try c.decode(String.self)
        guard let n = Int64(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a 64-bit integer, got \"\(s)\"")
        }
        value = n
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(String(value))
    }
}

/// A double in the protobuf JSON mapping: a number, or "NaN", "Infinity", "-Infinity".
public struct ProtoDouble: Codable, Hashable, Sendable {
    public var value: Double
    public init(_ value: Double) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) { value = n; return }
        let s = try c.decode(String.self)
        switch s {
        case "NaN": value = .nan
        case "Infinity": value = .infinity
        case "-Infinity": value = -.infinity
        default:
            guard let n = Double(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number, got \"\(s)\"")
            }
            value = n
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if value.isNaN { try c.encode("NaN") } else if value.isInfinite { try c.encode(value > 0 ? "Infinity" : "-Infinity") } else { try c.encode(value) }
    }
}

/// An empty message (`{}`), such as `rootReference`.
public struct ProtoEmpty: Codable, Hashable, Sendable {
    public init() {}
}

/// A `google.protobuf.Any` holding a `google.protobuf.StringValue`: the form planscope
/// writes an extension's detail in, which any protobuf reader can parse.
public struct ProtoAnyString: Codable, Hashable, Sendable {
    public static let typeURL = "type.googleapis.com/google.protobuf.StringValue"
    public var type: String
    public var value: String?

    enum CodingKeys: String, CodingKey {
        case type = "@type", value
    }

    public init(_ text: String) {
        type = Self.typeURL
        value = text
    }
}
