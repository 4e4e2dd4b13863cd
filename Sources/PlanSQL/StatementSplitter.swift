/// Splits SQL text at top-level semicolons (not inside quotes or comments) without
/// parsing it, so a script can run statement by statement and a REPL can tell when a
/// statement is complete.
public enum StatementSplitter {
    /// One statement's text, padded with the newlines and spaces that preceded it so that
    /// positions in errors match the whole text.
    public struct Piece: Sendable, Equatable {
        public var text: String
        public var isBlank: Bool
    }

    /// Complete statements (each ending at a `;`) and the unterminated remainder.
    public static func split(_ source: String) -> (complete: [Piece], remainder: String) {
        var pieces: [Piece] = []
        let chars = Array(source.unicodeScalars)
        var i = 0
        var start = 0
        var lineBefore = 0
        var columnBefore = 0
        var line = 0, column = 0
        var startLine = 0, startColumn = 0
        func slice(_ a: Int, _ b: Int) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: chars[a..<b])
            return String(s)
        }
        func advance() {
            if chars[i] == "\n" { line += 1; column = 0 } else { column += 1 }
            i += 1
        }
        while i < chars.count {
            let c = chars[i]
            if c == "'" || c == "\"" {
                advance()
                while i < chars.count {
                    if chars[i] == c {
                        if i + 1 < chars.count, chars[i + 1] == c { advance(); advance(); continue }
                        advance()
                        break
                    }
                    advance()
                }
                continue
            }
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { advance() }
                continue
            }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                advance(); advance()
                var depth = 1
                while i < chars.count, depth > 0 {
                    if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "/" { advance(); advance(); depth -= 1; continue }
                    if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "*" { advance(); advance(); depth += 1; continue }
                    advance()
                }
                continue
            }
            if c == ";" {
                advance()
                let body = slice(start, i)
                let padded = String(repeating: "\n", count: startLine) + String(repeating: " ", count: startColumn) + body
                pieces.append(Piece(text: padded, isBlank: isBlank(body)))
                start = i
                startLine = line
                startColumn = column
                _ = (lineBefore, columnBefore)
                continue
            }
            advance()
        }
        let rest = slice(start, chars.count)
        lineBefore = startLine
        columnBefore = startColumn
        let remainder = isBlank(rest) ? "" : String(repeating: "\n", count: startLine) + String(repeating: " ", count: startColumn) + rest
        return (pieces, remainder)
    }

    /// True if the text holds only whitespace, semicolons and comments.
    public static func isBlank(_ text: String) -> Bool {
        var s = Substring(text)
        while !s.isEmpty {
            if let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" || f == ";" { s = s.dropFirst(); continue }
            if s.hasPrefix("--") {
                s = s.drop(while: { $0 != "\n" })
                continue
            }
            if s.hasPrefix("/*") {
                guard let end = s.range(of: "*/") else { return false }
                s = s[end.upperBound...]
                continue
            }
            return false
        }
        return true
    }
}
