/// What a cell shows, by meaning rather than colour: themes map each role to colours and
/// attributes, and snapshot tests record roles, so a test pins "this line is an Exact
/// filter" without pinning a palette.
public enum Role: String, CaseIterable, Sendable {
    case text, dim, title, border
    case borderFocused = "border.focused"
    case selected, header, status, key
    case added, removed, changed, moved
    case exact, inexact, unsupported
    case error, warning, ok, match
    case commandLine = "command"

    /// One letter per role for style snapshots (`.` for plain text).
    public var letter: Character {
        switch self {
        case .text: "."
        case .dim: "d"
        case .title: "T"
        case .border: "b"
        case .borderFocused: "B"
        case .selected: "S"
        case .header: "H"
        case .status: "s"
        case .key: "k"
        case .added: "+"
        case .removed: "-"
        case .changed: "~"
        case .moved: "m"
        case .exact: "E"
        case .inexact: "I"
        case .unsupported: "U"
        case .error: "!"
        case .warning: "w"
        case .ok: "o"
        case .match: "M"
        case .commandLine: "c"
        }
    }
}
