extension DataType: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = DataType(sqlName: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown data type '\(text)'"))
        }
        self = type
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sqlName)
    }

    /// Parses the SQL spelling produced by ``sqlName`` (and common synonyms).
    public init?(sqlName: String) {
        let upper = sqlName.uppercased().replacingAll(" ", with: "")
        var base = upper
        var args: [Int] = []
        if let open = upper.firstIndex(of: "("), upper.hasSuffix(")") {
            base = String(upper[..<open])
            let inner = upper[upper.index(after: open)..<upper.index(before: upper.endIndex)]
            for part in inner.split(separator: ",") {
                guard let n = Int(part) else { return nil }
                args.append(n)
            }
        }
        guard let type = DataType.named(base, arguments: args) else { return nil }
        self = type
    }

    /// The type a SQL type name with arguments denotes (`DECIMAL`, [15, 2]).
    public static func named(_ name: String, arguments args: [Int]) -> DataType? {
        switch (name.uppercased(), args.count) {
        case ("NULL", 0): .null
        case ("BOOLEAN", 0), ("BOOL", 0): .boolean
        case ("SMALLINT", 0), ("INT2", 0): .int16
        case ("INTEGER", 0), ("INT", 0), ("INT4", 0): .int32
        case ("BIGINT", 0), ("INT8", 0): .int64
        case ("REAL", 0), ("FLOAT4", 0): .float32
        case ("DOUBLE", 0), ("FLOAT8", 0), ("FLOAT", 0), ("DOUBLEPRECISION", 0): .float64
        case ("DECIMAL", 0), ("NUMERIC", 0): .numeric
        case ("DECIMAL", 1), ("NUMERIC", 1): .decimal(precision: args[0], scale: 0)
        case ("DECIMAL", 2), ("NUMERIC", 2): .decimal(precision: args[0], scale: args[1])
        case ("VARCHAR", 0), ("TEXT", 0), ("STRING", 0), ("CHARACTERVARYING", 0): .text
        case ("VARCHAR", 1), ("CHARACTERVARYING", 1): .varchar(length: args[0])
        case ("CHAR", 0), ("CHARACTER", 0): .char(length: 1)
        case ("CHAR", 1), ("CHARACTER", 1): .char(length: args[0])
        case ("DATE", 0): .date
        case ("TIMESTAMP", 0), ("DATETIME", 0): .timestamp
        case ("TIMESTAMPTZ", 0), ("TIMESTAMPWITHTIMEZONE", 0): .timestampTZ
        case ("INTERVAL", 0): .interval
        case ("BINARY", 0), ("BINARY", 1), ("VARBINARY", 0), ("VARBINARY", 1), ("BLOB", 0), ("BYTEA", 0): .binary
        default: nil
        }
    }
}

extension String {
    /// Every `target` code point replaced (by code point, not by `Character`).
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for c in unicodeScalars { if c == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(c) } }
        return String(out)
    }
}
