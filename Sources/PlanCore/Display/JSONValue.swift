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
    public var pretty: String {
        var out = ""
        write(to: &out, indent: 0, pretty: true, sortKeys: false)
        return out
    }

    /// No whitespace, keys in insertion order (one JSON line).
    public var compact: String {
        var out = ""
        write(to: &out, indent: 0, pretty: false, sortKeys: false)
        return out
    }

    /// No whitespace, keys sorted: equal documents give equal bytes.
    public var canonical: String {
        var out = ""
        write(to: &out, indent: 0, pretty: false, sortKeys: true)
        return out
    }

    private func write(to out: inout String, indent: Int, pretty: Bool, sortKeys: Bool) {
        let nl = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .number(let n): out += n
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1, pretty: pretty, sortKeys: sortKeys)
                out += (i < items.count - 1 ? "," : "") + nl
            }
            out += closePad + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            let ordered = sortKeys ? fields.sorted { $0.0 < $1.0 } : fields
            out += "{" + nl
            for (i, (key, value)) in ordered.enumerated() {
                out += pad
                JSONValue.quote(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, indent: indent + 1, pretty: pretty, sortKeys: sortKeys)
                out += (i < ordered.count - 1 ? "," : "") + nl
            }
            out += closePad + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        // Most strings need no escaping: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
