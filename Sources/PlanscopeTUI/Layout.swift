/// How the panes share a large screen; `L` cycles through them.
public enum PaneLayout: String, CaseIterable, Sendable {
    /// The trace across the top (its step list at most 30 columns, the plan the rest: 86
    /// at 120 columns); under it the task graph (at most 30 columns), pushdown and the
    /// manifest diff; the result area across the bottom.
    case balanced
    /// The trace taller still, and pushdown and the manifest diff folded into one pane
    /// with tabs (the focused one shows; pushdown otherwise).
    case planWide = "plan-wide"

    var next: PaneLayout { self == .balanced ? .planWide : .balanced }
}

/// Where each pane goes. At 100×30 and larger all five panes share the screen as the
/// ``PaneLayout`` says; smaller, one pane at a time under a tab strip (`z` gives it the tab
/// strip's and the status row's rows too); below 60×16 nothing but a request to enlarge
/// the window. On a large screen `z` zooms the focused pane to the whole body.
public enum Layout {
    public static let minimum = (width: 60, height: 16)
    /// The smallest screen with several panes at once.
    public static let large = (width: 100, height: 30)

    public static func isLarge(width: Int, height: Int) -> Bool { width >= large.width && height >= large.height }

    public static func fits(width: Int, height: Int) -> Bool { width >= minimum.width && height >= minimum.height }

    /// The body: everything between the header row and the status row.
    static func body(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    /// The task graph's columns in the lower row: a quarter of the screen, 24 to 30.
    static func graphWidth(_ width: Int) -> Int { min(30, max(24, width / 4)) }

    /// - Parameter tallResult: the result area takes two fifths of the body, not one (the
    ///   Analyze view is on it).
    public static func frames(width: Int, height: Int, focus: PaneID, zoomed: Bool, tallResult: Bool = false,
                              layout: PaneLayout = .balanced) -> [PaneID: Rect] {
        guard fits(width: width, height: height) else { return [:] }
        let body = body(width: width, height: height)
        if !isLarge(width: width, height: height) {
            // One pane under the tab strip; zoomed, from the header down to the last row.
            let top = zoomed ? body.y : body.y + 1
            return [focus: Rect(x: 0, y: top, width: width, height: (zoomed ? height : body.maxY) - top)]
        }
        if zoomed { return [focus: body] }
        let resultHeight = max(6, body.height * (tallResult ? 2 : 1) / 5)
        let upper = body.height - resultHeight
        let traceHeight = layout == .planWide ? upper * 7 / 10 : upper * 11 / 20
        let lower = Rect(x: 0, y: body.y + traceHeight, width: width, height: upper - traceHeight)
        let graphWidth = graphWidth(width)
        var frames: [PaneID: Rect] = [
            .trace: Rect(x: 0, y: body.y, width: width, height: traceHeight),
            .graph: Rect(x: 0, y: lower.y, width: graphWidth, height: lower.height),
            .result: Rect(x: 0, y: body.y + upper, width: width, height: resultHeight),
        ]
        switch layout {
        case .balanced:
            let pushdownWidth = (width - graphWidth) / 2
            frames[.pushdown] = Rect(x: graphWidth, y: lower.y, width: pushdownWidth, height: lower.height)
            frames[.manifest] = Rect(x: graphWidth + pushdownWidth, y: lower.y, width: width - graphWidth - pushdownWidth, height: lower.height)
        case .planWide:
            frames[folded(focus)] = Rect(x: graphWidth, y: lower.y, width: width - graphWidth, height: lower.height)
        }
        return frames
    }

    /// Which of the two folded panes the plan-wide layout shows: the manifest diff while
    /// it has focus, pushdown otherwise.
    static func folded(_ focus: PaneID) -> PaneID { focus == .manifest ? .manifest : .pushdown }

    /// The panes that share one rectangle under tabs on screen now (in the plan-wide
    /// layout, unzoomed, on a large screen).
    static func foldedPanes(_ s: AppState) -> [PaneID] {
        s.layout == .planWide && !s.zoomed && isLarge(width: s.width, height: s.height) ? [.pushdown, .manifest] : []
    }
}
