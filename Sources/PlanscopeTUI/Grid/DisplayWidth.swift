/// Terminal columns a character takes, as glibc's `wcwidth` (which ncursesw uses) counts
/// them for what planscope draws: East Asian wide and full-width characters and emoji take
/// two, control characters none (they are drawn as `?`), everything else one. A grapheme
/// with combining marks counts as its first scalar.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        guard let s = c.unicodeScalars.first else { return 0 }
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 1 }
        for range in wide where range.contains(v) { return 2 }
        return 1
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]

    /// `s` cut to at most `width` columns, with `…` as its last column when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = ""
        var used = 0
        for c in s {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `s` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ s: String, to width: Int) -> String {
        let t = truncate(s, to: width)
        return t + String(repeating: " ", count: max(0, width - of(t)))
    }

    /// `s` broken into lines of at most `width` columns, at spaces where it can (a word
    /// longer than a line is cut into pieces).
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0, of(s) > width else { return [s] }
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= width { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            var rest = word
            while of(rest) > width {
                var piece = "", used = 0
                for c in rest {
                    guard used + of(c) <= width else { break }
                    piece.append(c)
                    used += of(c)
                }
                if piece.isEmpty { piece = String(rest.prefix(1)) }
                lines.append(piece)
                rest = String(rest.dropFirst(piece.count))
            }
            line = rest
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
