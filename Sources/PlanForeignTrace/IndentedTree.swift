import PlanCore

/// Plan lines with their depth (from either engine's indentation) built into a
/// ``PlanCore/PlanTree``: each line a node, a line one level deeper than the one before a
/// child of it. Iterative, with a depth limit, so no input can exhaust the stack.
enum IndentedTree {
    /// The deepest plan accepted (a deeper one is an error naming its line).
    static let depthLimit = 1_000

    struct Line {
        let depth: Int
        let text: String
        /// The line in the trace file (1-based), for errors.
        let source: Int
        /// How the node hangs under its parent (a subquery of its expressions, or an input).
        var edge: PlanTree.Edge = .input
    }

    /// The tree of `lines`, each node made by `node(text, children)`; an empty list, a
    /// second root or a line more than one level below the one before it is an error.
    static func build(_ lines: [Line], node: (String, [PlanTree]) -> PlanTree) throws(ForeignTraceError) -> PlanTree {
        guard let first = lines.first else { throw ForeignTraceError(line: 0, "empty plan") }
        guard first.depth == 0 else { throw ForeignTraceError(line: first.source, "the plan's first line is indented") }
        // Open nodes from the root down: their text and the children finished so far.
        var open: [(line: Line, children: [PlanTree])] = []
        func closeLast() {
            let done = open.removeLast()
            var tree = node(done.line.text, done.children)
            tree.edge = done.line.edge
            open[open.count - 1].children.append(tree)
        }
        for line in lines {
            guard line.depth <= depthLimit else {
                throw ForeignTraceError(line: line.source, "plan nested deeper than \(depthLimit) levels")
            }
            if line.depth == 0, !open.isEmpty {
                throw ForeignTraceError(line: line.source, "a second plan root: '\(line.text)'")
            }
            guard line.depth <= open.count else {
                throw ForeignTraceError(line: line.source, "indented \(line.depth - open.count + 1) levels below the line above")
            }
            while open.count > line.depth { closeLast() }
            open.append((line, []))
        }
        while open.count > 1 { closeLast() }
        return node(open[0].line.text, open[0].children)
    }
}
