import PlanCore

/// One lexical token with its place in the source.
public struct Token: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A keyword or unquoted identifier, as written.
        case word(String)
        /// `"Quoted Identifier"` with `""` unescaped.
        case quotedIdentifier(String)
        /// `'string'` with `''` unescaped.
        case string(String)
        /// `X'0aff'`: bytes.
        case blob([UInt8])
        /// `42`, `3.14`, `1e10`, as written.
        case number(String)
        /// Punctuation and operators: `(`, `,`, `<=`, `::`, `||` …
        case symbol(String)
        case endOfInput
    }

    public var kind: Kind
    public var span: SourceSpan

    /// True if this is the unquoted word `keyword` (case-insensitive).
    public func isKeyword(_ keyword: String) -> Bool {
        guard case .word(let w) = kind else { return false }
        // ASCII case folding without making a string: the parser asks this of every token
        // it looks at, often several times. (Keywords are ASCII; a word with other
        // letters is never one.)
        var written = w.utf8.makeIterator()
        for k in keyword.utf8 {
            guard let c = written.next() else { return false }
            if c != k && !(c >= 0x61 && c <= 0x7A && c - 0x20 == k) { return false }
        }
        return written.next() == nil
    }

    public func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .word(let w): "'\(w)'"
        case .quotedIdentifier(let q): "\"\(q)\""
        case .string(let s): "string '\(s)'"
        case .number(let n): "number \(n)"
        case .blob: "blob literal"
        case .symbol(let s): "'\(s)'"
        case .endOfInput: "end of input"
        }
    }
}
