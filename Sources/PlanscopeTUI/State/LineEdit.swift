/// The `:` command line's text and cursor, with the editing keys of a shell: ←/→,
/// Home/End, Ctrl-A/E (start/end), Ctrl-K (kill to end), Ctrl-U (kill to start), Ctrl-W
/// (kill the word before the cursor), Backspace/Delete, ↑/↓ through history.
public struct LineEdit: Equatable, Sendable {
    public private(set) var text: [Character] = []
    public private(set) var cursor = 0
    /// Position in the history while browsing it with ↑/↓ (nil: editing a new line).
    var historyIndex: Int?
    /// The line being typed before browsing history began.
    var draft: [Character] = []

    public init(_ text: String = "") {
        self.text = Array(text)
        cursor = self.text.count
    }

    public var string: String { String(text) }

    /// Applies an editing key; false if the key is not an editing key.
    public mutating func apply(_ key: Key, history: [String]) -> Bool {
        switch key {
        case .char(let c): text.insert(c, at: cursor); cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("k"): text.removeSubrange(cursor...)
        case .ctrl("u"): text.removeSubrange(..<cursor); cursor = 0
        case .ctrl("w"):
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            if cursor < text.count { text.remove(at: cursor) }
        case .up:
            guard !history.isEmpty else { return true }
            if historyIndex == nil { draft = text; historyIndex = history.count }
            let i = max(0, (historyIndex ?? history.count) - 1)
            historyIndex = i
            text = Array(history[i])
            cursor = text.count
        case .down:
            guard let i = historyIndex else { return true }
            if i + 1 >= history.count {
                historyIndex = nil
                text = draft
            } else {
                historyIndex = i + 1
                text = Array(history[i + 1])
            }
            cursor = text.count
        default: return false
        }
        return true
    }

    /// Replaces the word before the cursor (`word` long) with `replacement`.
    public mutating func complete(word: Int, with replacement: String) {
        let start = max(0, cursor - word)
        text.replaceSubrange(start..<cursor, with: Array(replacement))
        cursor = start + replacement.count
    }
}
