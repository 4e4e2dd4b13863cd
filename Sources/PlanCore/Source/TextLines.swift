/// Lines of a text file as written anywhere: LF, CRLF or CR endings (mixed too), a UTF-8
/// byte-order mark, and a last line with or without its newline. The one line splitter
/// for every line-oriented reader of a user's file (sqllogictest files, `-f` and `\i`
/// scripts), so a file saved on Windows or an old Mac reads as the same lines.
///
/// Swift treats `"\r\n"` as one `Character`, so splitting a `String` on `"\n"` leaves CRLF
/// files in one piece; this works on Unicode scalars instead.
public struct TextLines: Sendable, Equatable {
    /// How lines end in the file (the first ending found; LF when there is none).
    public enum Ending: String, Sendable, Equatable {
        case lf = "\n", crlf = "\r\n", cr = "\r"
    }

    /// The lines, without their endings (and without the byte-order mark).
    public var lines: [String]
    /// Whether the text started with a UTF-8 byte-order mark.
    public var byteOrderMark: Bool
    public var ending: Ending
    /// Whether the last line ended with a line ending.
    public var finalNewline: Bool

    /// Splits `text` into lines. An empty text has no lines.
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var i = 0
        byteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if byteOrderMark { i = 3 }
        var lines: [String] = []
        var ending: Ending?
        var start = i
        finalNewline = false
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x0A || b == 0x0D else { i += 1; continue }
            let crlf = b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A
            if ending == nil { ending = crlf ? .crlf : (b == 0x0D ? .cr : .lf) }
            lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
            i += crlf ? 2 : 1
            start = i
        }
        if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        finalNewline = !lines.isEmpty && start == bytes.count
        self.lines = lines
        self.ending = ending ?? .lf
    }

    /// The text again from `lines`, with this file's mark, endings and final newline.
    public func text(_ lines: [String]) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + lines.joined(separator: ending.rawValue)
            + (finalNewline && !lines.isEmpty ? ending.rawValue : "")
    }

    /// The lines of `text` (see ``init(_:)``).
    public static func split(_ text: String) -> [String] { TextLines(text).lines }
}
