/// A Substrait type (`substrait.Type`): one kind with its parameters. Every kind's
/// message has the same few fields, so one payload type carries them all.
public struct SubstraitType: Codable, Hashable, Sendable {
    public struct Parameters: Codable, Hashable, Sendable {
        public var nullability: String?
        public var typeVariationReference: Int?
        public var length: Int?
        public var precision: Int?
        public var scale: Int?
        public var typeReference: Int?
        /// A struct's members (`struct` kind only).
        public var types: [SubstraitType]?

        public init(nullable: Bool, length: Int? = nil, precision: Int? = nil, scale: Int? = nil, typeReference: Int? = nil) {
            nullability = nullable ? "NULLABILITY_NULLABLE" : "NULLABILITY_REQUIRED"
            self.length = length
            self.precision = precision
            self.scale = scale
            self.typeReference = typeReference
        }
    }

    /// The kind as the JSON form spells it: `i64`, `decimal`, `precisionTimestamp`.
    public var kind: String
    public var parameters: Parameters

    public init(_ kind: String, _ parameters: Parameters) {
        self.kind = kind
        self.parameters = parameters
    }

    public init(from decoder: any Decoder) throws {
        let (c, key) = try AnyKey.oneof(decoder, noun: "type")
        kind = key.stringValue
        parameters = try c.decode(Parameters.self, forKey: key)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(parameters, forKey: AnyKey(stringValue: kind))
    }
}

/// A named struct: a read's base schema.
public struct NamedStruct: Codable, Hashable, Sendable {
    public struct Members: Codable, Hashable, Sendable {
        public var types: [SubstraitType]?
        public var nullability: String?
    }
    public var names: [String]?
    public var `struct`: Members?
}
