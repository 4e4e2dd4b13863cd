/// The task graph drawn or listed (`v`), moving sideways in the drawing, and the layouts
/// (`L`).
extension AppState {
    /// `v`: the drawing or the list; a pipeline too large to draw keeps the list and says why.
    mutating func toggleGraph() {
        if graphDrawn {
            graphDrawn = false
            return
        }
        guard let p = pipeline else {
            notice = Message("no pipeline loaded to draw (:\\pipeline load FILE)", role: .warning)
            return
        }
        guard p.dag != nil || p.cycle != nil else {
            notice = Message("v: \(Panes.grouped(p.viewCount)) views are too many to draw (at most \(Panes.grouped(PipelineModel.maxDrawnViews))); "
                             + "the list stays", role: .warning)
            return
        }
        graphDrawn = true
    }

    /// ←/→ in the drawn graph: the pipeline node nearest left or right in the selected
    /// node's layer (dummies skipped); it comes into view as a move down the list would.
    mutating func moveInLayer(by step: Int) -> [Effect] {
        guard graphDrawn, let dag = pipeline?.dag, dag.nodeOfRow.indices.contains(list(.graph).selected) else { return [] }
        let id = dag.nodeOfRow[list(.graph).selected]
        let layer = dag.layers[dag.nodes[id].layer]
        guard var i = layer.firstIndex(of: id) else { return [] }
        repeat { i += step } while layer.indices.contains(i) && dag.nodes[layer[i]].row == nil
        guard layer.indices.contains(i), let row = dag.nodes[layer[i]].row else { return [] }
        return move(to: row)
    }

    /// `L`: the next layout; one pane at a time has none to choose.
    mutating func cycleLayout() {
        guard Layout.isLarge(width: width, height: height) else {
            notice = Message("L: layouts need a window of at least \(Layout.large.width)×\(Layout.large.height) (this one is \(width)×\(height))",
                             role: .warning)
            return
        }
        layout = layout.next
        zoomed = false
        notice = Message("layout: \(layout.rawValue)", role: .dim)
        clampLists()
    }
}
