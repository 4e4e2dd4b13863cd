/// A JSON document as a value, rendered deterministically: object keys keep insertion
/// order in ``pretty`` and are sorted in ``canonical`` (the form fingerprints hash).
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A number kept exactly as written (decimals).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.canonical == b.canonical }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    /// Indented with two spaces, keys in insertion order.
    public var pretty: String { String(decoding: bytes(pretty: true, sortKeys: false), as: UTF8.self) }

    /// No whitespace, keys in insertion order (one JSON line).
    public var compact: String { String(decoding: bytes(pretty: false, sortKeys: false), as: UTF8.self) }

    /// No whitespace, keys sorted: equal documents give equal bytes.
    public var canonical: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// The canonical form's UTF-8 bytes (what fingerprints hash).
    public var canonicalBytes: [UInt8] { bytes(pretty: false, sortKeys: true) }

    private func bytes(pretty: Bool, sortKeys: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out, indent: 0, pretty: pretty, sortKeys: sortKeys)
        return out
    }

    private static func newline(_ out: inout [UInt8], _ pretty: Bool, _ depth: Int) {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<(2 * depth) { out.append(0x20) }
    }

    private func write(to out: inout [UInt8], indent: Int, pretty: Bool, sortKeys: Bool) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.newline(&out, pretty, indent + 1)
                item.write(to: &out, indent: indent + 1, pretty: pretty, sortKeys: sortKeys)
            }
            JSONValue.newline(&out, pretty, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            if fields.isEmpty { out.append(contentsOf: "{}".utf8); return }
            let ordered = sortKeys ? fields.sorted { $0.0 < $1.0 } : fields
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in ordered.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.newline(&out, pretty, indent + 1)
                JSONValue.quote(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                value.write(to: &out, indent: indent + 1, pretty: pretty, sortKeys: sortKeys)
            }
            JSONValue.newline(&out, pretty, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `s` as a JSON string (quoted and escaped) — for writers that stream JSON.
    public static func quote(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.append(0x22)
            var start = 0
            // Runs of bytes that need no escaping are appended whole.
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch byte {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(0x22)
        }
    }
}
