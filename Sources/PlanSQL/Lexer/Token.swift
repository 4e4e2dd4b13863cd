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
        if case .word(let w) = kind { return w.uppercased() == keyword }
        return false
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
