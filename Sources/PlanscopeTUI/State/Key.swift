/// A key as the TUI sees it (the backend decodes terminal input into these).
public enum Key: Equatable, Sendable {
    case char(Character)
    /// Ctrl with a letter: `.ctrl("a")`.
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete

    /// The name used in help and tests: `j`, `Ctrl-A`, `PgDn`.
    public var name: String {
        switch self {
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        }
    }
}
