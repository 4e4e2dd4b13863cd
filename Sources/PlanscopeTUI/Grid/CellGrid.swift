/// A rectangle on screen.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    /// The rectangle inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}

/// One screen cell: a character (empty for the right half of a wide character) and the
/// role it is drawn in.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: Role
    public static let blank = Cell(text: " ", role: .text)
}

/// The screen as values: panes draw into it, snapshot tests read it, and the curses
/// backend writes the cells that changed since the last frame. Nothing here knows about
/// terminals.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Box-drawing characters, or ASCII (`+-|`) for terminals without UTF-8.
    public var ascii: Bool

    public init(width: Int, height: Int, ascii: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.ascii = ascii
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from (x, y) in `role`, clipped to `limit` columns (default: to the
    /// grid's edge); returns the column after the last one written. Text that is cut ends
    /// in `…` in its last column (so a line cut at a pane's edge says so). Control
    /// characters are drawn as `?`.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .text, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var col = x
        for c in text {
            let w = DisplayWidth.of(c)
            if col + w > end {
                // A span that starts right at its limit continues a line cut at the span before.
                if end > x || limit == 0 { markCut(at: end - 1, y: y, role: role) }
                return end
            }
            let shown: String = c.unicodeScalars.first.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } == true ? "?" : String(c)
            if col >= 0 {
                self[col, y] = Cell(text: shown, role: role)
                if w == 2 { self[col + 1, y] = Cell(text: "", role: role) }
            }
            col += w
        }
        return col
    }

    /// `…` in column `x`, for text cut there; the other half of a wide character it
    /// would split is blanked.
    mutating func markCut(at x: Int, y: Int, role: Role) {
        guard x >= 0 else { return }
        if self[x, y].text.isEmpty, x > 0 { self[x - 1, y] = Cell(text: " ", role: self[x - 1, y].role) }
        if x + 1 < width, self[x + 1, y].text.isEmpty { self[x + 1, y] = Cell(text: " ", role: self[x + 1, y].role) }
        self[x, y] = Cell(text: "…", role: self[x, y].text == " " && x > 0 ? role : self[x, y].role == .text ? role : self[x, y].role)
    }

    /// Sets the role of cells without changing their text (selection bars, highlights).
    public mutating func paint(_ rect: Rect, role: Role) {
        for y in rect.y..<min(rect.maxY, height) where y >= 0 {
            for x in rect.x..<min(rect.maxX, width) where x >= 0 { cells[y * width + x].role = role }
        }
    }

    /// Blanks a rectangle.
    public mutating func clear(_ rect: Rect) {
        for y in rect.y..<min(rect.maxY, height) where y >= 0 {
            for x in rect.x..<min(rect.maxX, width) where x >= 0 { cells[y * width + x] = .blank }
        }
    }

    /// A border around `rect` with `title` in its top edge (a heavy border when focused).
    public mutating func box(_ rect: Rect, title: String = "", focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let role: Role = focused ? .borderFocused : .border
        let (h, v, tl, tr, bl, br): (String, String, String, String, String, String) =
            ascii ? ("-", "|", "+", "+", "+", "+")
            : focused ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "┌", "┐", "└", "┘")
        put(tl + String(repeating: h, count: rect.width - 2) + tr, x: rect.x, y: rect.y, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(v, x: rect.x, y: y, role: role)
            put(v, x: rect.maxX - 1, y: y, role: role)
        }
        put(bl + String(repeating: h, count: rect.width - 2) + br, x: rect.x, y: rect.maxY - 1, role: role)
        if !title.isEmpty, rect.width > 6 {
            let shown = DisplayWidth.truncate(" \(title) ", to: rect.width - 4)
            put(shown, x: rect.x + 2, y: rect.y, role: focused ? .borderFocused : .title)
        }
    }

    /// Each row as text (a wide character once), trailing blanks trimmed: what
    /// `tmux capture-pane -p` shows.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += cells[y * width + x].text }
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// Each row's roles, one letter a cell (``Role/letter``), trailing plain blanks
    /// trimmed: the style half of a snapshot.
    public var styleLines: [String] {
        (0..<height).map { y in
            var s = ""
            var lastStyled = 0
            for x in 0..<width {
                let cell = cells[y * width + x]
                s.append(cell.role.letter)
                if cell.role != .text || cell.text != " " { lastStyled = x + 1 }
            }
            return String(s.prefix(lastStyled))
        }
    }

    /// Runs of cells in one role along a row, for the backend: (column, text, role).
    public func runs(row y: Int) -> [(x: Int, text: String, role: Role)] {
        var out: [(x: Int, text: String, role: Role)] = []
        var x = 0
        while x < width {
            let role = cells[y * width + x].role
            var text = ""
            let start = x
            while x < width, cells[y * width + x].role == role {
                text += cells[y * width + x].text
                x += 1
            }
            out.append((start, text, role))
        }
        return out
    }
}
