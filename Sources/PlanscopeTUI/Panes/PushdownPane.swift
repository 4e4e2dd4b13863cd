import PlanCore
import PlanProviders

/// Per scan of the subject's plan: each filter the scan was offered with its class
/// (Exact, Inexact, Unsupported in their own roles), the residual filter left above it,
/// rows and bytes read against rows returned, partitions or files pruned, and contract
/// violations and warnings.
enum PushdownPane {
    static func title(_ s: AppState) -> String {
        guard let report = s.inspection?.pushdown else { return "Pushdown" }
        return "Pushdown · \(s.subject?.title ?? "query") · \(counted(report.scans.count, "scan"))"
            + (s.inspection?.analyzed == true ? " · ran" : s.live.map { $0.stoppedNanos == nil ? " · running" : " · stopped" } ?? " · planned (a runs it)")
    }

    static func source(_ s: AppState) -> ListSource {
        guard let inspection = s.inspection else {
            return ListSource([[Span("no plan yet: select a view, or run a query with :", .dim)]])
        }
        var lines: [[Span]] = []
        let report = inspection.pushdown
        if report.scans.isEmpty { lines.append([Span("no table scans in this plan", .dim)]) }
        for scan in report.scans {
            var head = [Span(scan.table, .title), Span(" (\(scan.provider))", .dim)]
            if inspection.analyzed {
                head.append(Span("  read \(Panes.grouped(scan.rowsRead)) rows", .text))
                if scan.bytesRead > 0 { head.append(Span(" · " + Panes.bytes(scan.bytesRead), .dim)) }
                head.append(Span(" → \(Panes.grouped(scan.rowsReturned)) returned", .text))
            }
            let units = scan.unitSummary
            if !units.isEmpty { head.append(Span("  " + units, scan.units.contains { $0.pruned > 0 } ? .ok : .dim)) }
            lines.append(head)
            if scan.filters.isEmpty && scan.runtimeFilters.isEmpty { lines.append([Span("  no filters offered", .dim)]) }
            for f in scan.filters {
                let (name, role): (String, Role) = switch f.pushdown {
                case .exact: ("Exact      ", .exact)
                case .inexact: ("Inexact    ", .inexact)
                case .unsupported: ("Unsupported", .unsupported)
                }
                var line = [Span("  "), Span(name, role), Span("  " + f.expr.description)]
                switch f.pushdown {
                case .exact: line.append(Span("  dropped above", .dim))
                case .inexact: line.append(Span("  prunes; kept above", .dim))
                case .unsupported: line.append(Span("  → residual", .dim))
                }
                lines.append(line)
            }
            for r in scan.runtimeFilters {
                lines.append([Span("  "), Span("Runtime    ", .inexact), Span("  " + r), Span("  a join's build keys, while it runs; the join checks", .dim)])
            }
            if !scan.residual.isEmpty {
                lines.append([Span("  residual ", .dim), Span(scan.residual.map(\.description).joined(separator: " AND "))])
            }
            for v in scan.violations { lines.append([Span("  ! \(v.stage.rawValue): \(v.predicate): \(v.reason)", .error)]) }
        }
        for w in inspection.warnings { lines.append([Span("warning: \(w)", .warning)]) }
        return ListSource(lines)
    }
}
