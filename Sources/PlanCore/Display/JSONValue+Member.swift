extension JSONValue {
    /// The member of the JSON document `doc` named by `key`, an object key (the last one
    /// when it repeats) or an array index (negative counts from the end), with its text
    /// exactly as written in `doc`: PostgreSQL's `json -> key` gives that text, spacing and
    /// all. Nil when there is no such member; invalid JSON is an error.
    public static func member(of doc: String, key: ScalarValue) throws(JSONParseError) -> (value: JSONValue, text: String)? {
        _ = try parse(doc)  // the whole document must be JSON, as PostgreSQL checks it
        var parser = JSONByteParser(Array(doc.utf8))
        parser.skipSpace()
        guard parser.index < parser.bytes.count else { return nil }
        var members: [(key: String?, value: JSONValue, range: Range<Int>)] = []
        let open = parser.bytes[parser.index]
        guard open == UInt8(ascii: "{") || open == UInt8(ascii: "[") else { return nil }
        let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        parser.index += 1
        parser.skipSpace()
        while parser.index < parser.bytes.count, parser.bytes[parser.index] != close {
            var name: String?
            if open == UInt8(ascii: "{") {
                name = try parser.string()
                parser.skipSpace()
                parser.index += 1  // the ':' (the document parsed)
            }
            parser.skipSpace()
            let start = parser.index
            let value = try parser.value(depth: 1)
            members.append((name, value, start..<parser.index))
            parser.skipSpace()
            if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1 }
            parser.skipSpace()
        }
        let found: (key: String?, value: JSONValue, range: Range<Int>)?
        switch (open, key) {
        case (UInt8(ascii: "{"), .string(let k)):
            found = members.last { $0.key == k }
        case (UInt8(ascii: "["), _):
            guard let i = key.int64Value else { return nil }
            let position = i < 0 ? Int64(members.count) + i : i  // safe: count ≥ 0 and i < 0 cannot overflow
            found = position >= 0 && position < Int64(members.count) ? members[Int(position)] : nil  // safe: 0 ≤ position < count
        default:
            found = nil
        }
        guard let found else { return nil }
        return (found.value, String(decoding: parser.bytes[found.range], as: UTF8.self))
    }
}
