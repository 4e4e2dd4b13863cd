/// `?`: every key of the ``KeyMap``, in a box over the panes (any key closes it). Long
/// descriptions wrap under their own column rather than being cut.
enum HelpOverlay {
    /// Columns of the key column.
    static let keyWidth = 22

    /// The box's width on a screen `width` columns wide.
    static func boxWidth(_ width: Int) -> Int { min(width - 4, 78) }

    /// The help's lines for a box `width` wide: titles, and (keys, text) rows whose text
    /// wraps; a continuation row has no keys.
    static func lines(width: Int) -> [(keys: String, text: String, role: Role)] {
        let textWidth = max(10, boxWidth(width) - 4 - keyWidth)
        var lines: [(keys: String, text: String, role: Role)] = []
        for (title, keys) in KeyMap.helpSections {
            if !lines.isEmpty { lines.append(("", "", .text)) }
            lines.append(("", title, .title))
            for (k, what) in keys {
                for (i, part) in DisplayWidth.wrap(what, width: textWidth).enumerated() {
                    lines.append((i == 0 ? k : "", part, .text))
                }
            }
        }
        return lines
    }

    static func lineCount(width: Int) -> Int { lines(width: width).count }

    /// Draws the help from line `top`; when it does not fit, ↑↓ scroll it.
    static func draw(into grid: inout CellGrid, top: Int) {
        let lines = lines(width: grid.width)
        let width = boxWidth(grid.width), height = min(grid.height - 2, lines.count + 2)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        let fits = lines.count <= height - 2
        let first = fits ? 0 : min(max(0, top), lines.count - (height - 2))
        grid.clear(rect)
        grid.box(rect, title: fits ? "Keys · any key closes" : "Keys · ↑↓ scroll · any other key closes", focused: true)
        for (i, line) in lines[first...].prefix(height - 2).enumerated() {
            let y = rect.y + 1 + i
            if line.role == .title {
                grid.put(line.text, x: rect.x + 2, y: y, role: .title, limit: width - 4)
            } else {
                grid.put(line.keys, x: rect.x + 2, y: y, role: .key, limit: keyWidth)
                grid.put(line.text, x: rect.x + 2 + keyWidth, y: y, role: .text, limit: width - 4 - keyWidth)
            }
        }
    }
}
