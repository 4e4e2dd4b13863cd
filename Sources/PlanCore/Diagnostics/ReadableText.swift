/// Text from input shown back to a person in an error: control characters escaped, long
/// quoted names cut, and long SQL lines shown as a window around a position.
///
/// A 10,000-character identifier or a stray NUL byte must not turn one error into three
/// screens of text or write control bytes to the terminal (psql and DuckDB show a window
/// of the line, too).
public enum ReadableText {
    /// Characters of a quoted name kept in a message before it is cut with `…` (enough
    /// for a long file path, which keeps its last ``nameTail`` characters).
    public static let nameLimit = 120
    /// Characters of a cut name's end that are kept (a path's file name).
    public static let nameTail = 30
    /// Columns of a SQL line shown around an error's position (the `…` marks included).
    public static let windowWidth = 80

    /// One scalar as it is shown: tabs as a space, other control characters as `\x00`
    /// (C0, DEL and C1), everything else as itself.
    public static func shown(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\t" { return " " }
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) {
            let hex = String(v, radix: 16)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        }
        return String(scalar)
    }

    /// `text` with its control characters escaped (tabs kept).
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        var out = ""
        for s in text.unicodeScalars { out += s == "\t" ? "\t" : shown(s) }
        return out
    }

    /// A message as it is shown: control characters escaped, and every `'quoted'` or
    /// `"quoted"` part longer than ``nameLimit`` cut to its start and `…`.
    public static func message(_ text: String) -> String {
        let scalars = Array(escapingControls(text).unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            guard s == "'" || s == "\"", let close = scalars[(i + 1)...].firstIndex(of: s) else {
                out.append(s)
                i += 1
                continue
            }
            let inner = scalars[(i + 1)..<close]
            out.append(s)
            if inner.count > nameLimit {
                out.append(contentsOf: inner.prefix(nameLimit - nameTail - 1))
                out.append(contentsOf: "…".unicodeScalars)
                out.append(contentsOf: inner.suffix(nameTail))
            } else {
                out.append(contentsOf: inner)
            }
            out.append(s)
            i = close + 1
        }
        return String(out)
    }

    /// The line and a caret line under `count` scalars from `start` (0-based scalar
    /// positions in `line`; `start` may be the line's end). A line wider than `width`
    /// is shown as a window around the caret with `…` where it is cut.
    public static func caret(line: Substring, start: Int, count: Int, width: Int = windowWidth) -> String {
        var pieces = line.unicodeScalars.map(shown)
        if pieces.last == "\\x0d" { pieces.removeLast() }     // a CRLF line's CR
        let start = min(max(0, start), pieces.count)
        let end = min(pieces.count, start + max(1, count))
        let widths = pieces.map(\.count)
        let total = widths.reduce(0, +)
        var from = 0, to = pieces.count
        if total > width {
            let room = width - 2                              // the two `…` marks
            // About a third of the window before the position, the rest after it.
            from = start
            var used = 0
            while from > 0, used + widths[from - 1] <= room / 3 { from -= 1; used += widths[from] }
            to = from
            used = 0
            while to < pieces.count, used + widths[to] <= room { used += widths[to]; to += 1 }
            while from > 0, used + widths[from - 1] <= room { from -= 1; used += widths[from] }
        }
        let head = from > 0 ? "…" : ""
        let tail = to < pieces.count ? "…" : ""
        let text = head + pieces[from..<to].joined() + tail
        let lead = head.count + widths[from..<max(from, min(start, to))].reduce(0, +)
        let marks = start >= to ? 1 : max(1, widths[start..<min(end, to)].reduce(0, +))
        return text + "\n" + String(repeating: " ", count: lead) + String(repeating: "^", count: marks)
    }
}
