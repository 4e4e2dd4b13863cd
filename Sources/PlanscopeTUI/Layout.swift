/// Where each pane goes. At 100×30 and larger all five panes share the screen (task
/// graph and trace on top, pushdown and manifest diff below, the result area across the
/// bottom); smaller, one pane at a time under a tab strip; below 60×16 nothing but a
/// request to enlarge the window. `z` zooms the focused pane to the whole body.
public enum Layout {
    public static let minimum = (width: 60, height: 16)

    public static func isLarge(width: Int, height: Int) -> Bool { width >= 100 && height >= 30 }

    public static func fits(width: Int, height: Int) -> Bool { width >= minimum.width && height >= minimum.height }

    /// The body: everything between the header row and the status row.
    static func body(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    /// - Parameter tallResult: the result area takes two fifths of the body, not one (the
    ///   Analyze view is on it).
    public static func frames(width: Int, height: Int, focus: PaneID, zoomed: Bool, tallResult: Bool = false) -> [PaneID: Rect] {
        guard fits(width: width, height: height) else { return [:] }
        let body = body(width: width, height: height)
        if zoomed || !isLarge(width: width, height: height) {
            // One pane; in the small layout the tab strip takes the body's first row.
            let top = zoomed && isLarge(width: width, height: height) ? body.y : body.y + 1
            return [focus: Rect(x: 0, y: top, width: width, height: body.maxY - top)]
        }
        let resultHeight = max(6, body.height * (tallResult ? 2 : 1) / 5)
        let upper = body.height - resultHeight
        let topHeight = upper * 11 / 20
        let graphWidth = max(34, width * 32 / 100)
        let pushdownWidth = width / 2
        return [
            .graph: Rect(x: 0, y: body.y, width: graphWidth, height: topHeight),
            .trace: Rect(x: graphWidth, y: body.y, width: width - graphWidth, height: topHeight),
            .pushdown: Rect(x: 0, y: body.y + topHeight, width: pushdownWidth, height: upper - topHeight),
            .manifest: Rect(x: pushdownWidth, y: body.y + topHeight, width: width - pushdownWidth, height: upper - topHeight),
            .result: Rect(x: 0, y: body.y + upper, width: width, height: resultHeight),
        ]
    }
}
