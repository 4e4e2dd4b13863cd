import Foundation
import PlanCore
import PlanExec
import PlanManifest
import PlanOptimizer
import PlanProviders

/// One query's planning story as one self-contained HTML file (no network: CSS and script
/// inline): the optimizer trace with every step and each changed step's tree diff
/// (``PlanDiff``), the pushdown table, the Analyze tree with its metrics
/// (``AnalyzeProfile``), and the manifest — with the data embedded as JSON so
/// `planscope trace import report.html` reads it back. `planscope report`, `\report FILE`
/// and the TUI's `e` write it.
public struct PlanReport: Sendable {
    public let sql: String
    public let inspection: PlanInspection
    public let manifest: PlanningSurfaceManifest

    public init(sql: String, inspection: PlanInspection, manifest: PlanningSurfaceManifest) {
        self.sql = sql
        self.inspection = inspection
        self.manifest = manifest
    }

    /// The data the page shows, as the JSON it embeds.
    public var data: JSONValue {
        var fields: [(String, JSONValue)] = [("schema_version", .int(1)), ("generator", .string("planscope report")), ("sql", .string(sql)),
                                             ("optimizer_trace", inspection.trace.json), ("pushdown", inspection.pushdown.json),
                                             ("physical_plan", PhysicalPlanRenderer.json(inspection.physical))]
        if let rows = inspection.rows { fields.append(("output_rows", .int(Int64(rows)))) }
        if let elapsed = inspection.elapsed { fields.append(("elapsed_ms", .double((elapsed * 1e6).rounded() / 1e3))) }
        fields.append(("manifest", manifest.json))
        return .object(fields)
    }

    /// The page's sections, in order (their anchors in the HTML).
    public static let sections = ["trace", "pushdown", "analyze", "manifest"]

    /// What `planscope report --format json` prints once the page is written: the file,
    /// its sections and what they hold.
    public func summary(file: String) -> JSONValue {
        var fields: [(String, JSONValue)] = [("schema_version", .int(1)), ("file", .string(file)),
                                             ("sections", .array(Self.sections.map { .string($0) })),
                                             ("steps", .int(Int64(inspection.trace.steps.count))),
                                             ("scans", .int(Int64(inspection.pushdown.scans.count))),
                                             ("analyzed", .bool(inspection.analyzed))]
        if let rows = inspection.rows { fields.append(("output_rows", .int(Int64(rows)))) }
        fields.append(("manifest_fingerprint", .string(manifest.fingerprint.description)))
        return .object(fields)
    }

    public var html: String {
        var body: [String] = []
        let trace = inspection.trace
        body.append("<h1>planscope report</h1>")
        body.append("<pre class=\"sql\">\(Self.escape(sql))</pre>")
        body.append("<p class=\"meta\">rulepack \(Self.escape(trace.rulepack)) · \(trace.steps.count) steps, \(trace.passes) passes · "
                    + String(format: "%.3f ms planning", Double(trace.totalNanos) / 1e6)
                    + (inspection.analyzed ? String(format: " · %@ rows in %.3f ms", grouped(inspection.rows ?? 0), (inspection.elapsed ?? 0) * 1000) : " · not run")
                    + " · manifest \(Self.escape(String(manifest.fingerprint.description.prefix(19))))</p>")
        body.append("<nav><a href=\"#trace\">Optimizer trace</a> · <a href=\"#pushdown\">Pushdown</a> · <a href=\"#analyze\">Analyze</a> · <a href=\"#manifest\">Manifest</a></nav>")

        // The trace: every step; a changed step opens to its tree diff.
        body.append("<h2 id=\"trace\">Optimizer trace</h2>")
        body.append("<label><input type=\"checkbox\" id=\"changed-only\"> only steps that changed the plan</label>")
        body.append("<details><summary>initial plan</summary><pre>\(Self.escape(IndentRenderer.render(trace.initial)))</pre></details>")
        body.append("<table class=\"steps\"><thead><tr><th>step</th><th>pass</th><th>rule</th><th>Δ</th><th>ms</th><th>what changed</th></tr></thead><tbody>")
        var before = trace.initial
        for (i, step) in trace.steps.enumerated() {
            var change = ""
            if step.changed {
                let diff = PlanDiff(from: before, to: step.plan)
                change = "<details><summary>\(Self.escape(diff.summary))</summary><pre class=\"diff\">\(Self.diffHTML(diff.text))</pre></details>"
                before = step.plan
            } else if let why = step.skippedBecause {
                change = "<span class=\"dim\">skipped: \(Self.escape(why))</span>"
            }
            body.append("<tr class=\"\(step.changed ? "changed" : "same")\"><td>\(i + 1)</td><td>\(step.pass)</td><td>\(Self.escape(step.rule))</td>"
                        + "<td>\(step.changed ? "✓" : "·")</td><td>" + String(format: "%.3f", Double(step.elapsedNanos) / 1e6) + "</td><td>\(change)</td></tr>")
        }
        body.append("</tbody></table>")
        body.append("<details open><summary>final plan</summary><pre>\(Self.escape(IndentRenderer.render(trace.final)))</pre></details>")

        // Pushdown: per scan, each filter's class and the residual; rows read and returned.
        body.append("<h2 id=\"pushdown\">Pushdown</h2>")
        body.append("<table class=\"pushdown\"><thead><tr><th>scan</th><th>filter</th><th>class</th><th>residual</th><th>rows read → returned</th></tr></thead><tbody>")
        for scan in inspection.pushdown.scans {
            let rows = inspection.analyzed ? "\(grouped(scan.rowsRead)) → \(grouped(scan.rowsReturned))" : "not run"
            if scan.filters.isEmpty {
                body.append("<tr><td>\(Self.escape(scan.table)) (\(Self.escape(scan.provider)))</td><td class=\"dim\">no filters offered</td><td></td><td></td><td>\(rows)</td></tr>")
            }
            for f in scan.filters {
                body.append("<tr><td>\(Self.escape(scan.table)) (\(Self.escape(scan.provider)))</td><td><code>\(Self.escape(f.expr.description))</code></td>"
                            + "<td class=\"class-\(f.pushdown.rawValue.lowercased())\">\(Self.escape(f.pushdown.rawValue))</td>"
                            + "<td>\(scan.residual.contains(f.expr) ? "residual" : "")</td><td>\(rows)</td></tr>")
            }
        }
        body.append("</tbody></table>")

        // Analyze: the tree with self time, share bars, rows against estimates.
        body.append("<h2 id=\"analyze\">Analyze</h2>")
        if let profile = AnalyzeProfile(inspection.physical) {
            let wall = inspection.elapsed.map { UInt64(max(0, $0) * 1e9) }
            body.append("<p class=\"meta\">\(Self.escape(AnalyzeTreeRenderer.summary(profile, rows: inspection.rows ?? 0, wallNanos: wall)))</p>")
            body.append("<table class=\"analyze\"><thead><tr><th>operator</th><th>self</th><th>share</th><th>rows</th><th>estimate</th><th>batches</th><th>memory</th></tr></thead><tbody>")
            for op in profile.operators {
                let c = AnalyzeTreeRenderer.columns(op)
                let label = op.prefix + op.name + (op.detail.isEmpty ? "" : ": " + op.detail)
                body.append("<tr><td><div class=\"op\" title=\"\(Self.escape(label))\">\(Self.escape(label))</div></td><td class=\"num\">\(Self.escape(c.time))</td>"
                            + "<td class=\"share\"><span class=\"bar\" style=\"width:" + String(format: "%.1f", op.share * 8) + "em\"></span> \(Self.escape(c.share))</td>"
                            + "<td class=\"num\">\(Self.escape(c.rows))</td><td class=\"\(op.badlyEstimated ? "warn" : "dim")\">\(Self.escape(c.estimate))</td>"
                            + "<td class=\"num\">\(op.batches)</td><td class=\"num\">\(Self.escape(c.memory))</td></tr>")
            }
            body.append("</tbody></table>")
        } else {
            body.append("<p class=\"dim\">not run (--no-analyze): the physical plan as planned</p>")
            body.append("<pre>\(Self.escape(PhysicalPlanRenderer.render(inspection.physical)))</pre>")
        }

        body.append("<h2 id=\"manifest\">Manifest</h2>")
        body.append("<pre>\(Self.escape(manifest.json.pretty))</pre>")

        let data = data.compact.replacingOccurrences(of: "</", with: "<\\/")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>planscope report</title>
            <style>\(Self.css)</style></head>
            <body>
            \(body.joined(separator: "\n"))
            <script type="application/json" id="planscope-data">\(data)</script>
            <script>\(Self.script)</script>
            </body></html>

            """
    }

    static let css = """
        body{font:14px/1.4 'DejaVu Sans',sans-serif;margin:2em;color:#222;background:#fff}
        pre,code,div.op{font-family:'DejaVu Sans Mono',monospace;font-size:12px}
        div.op{white-space:pre;max-width:46em;overflow:hidden;text-overflow:ellipsis}td.share{white-space:nowrap;min-width:14em}
        pre{background:#f6f6f6;padding:.6em;overflow-x:auto}
        table{border-collapse:collapse;margin:.5em 0}th,td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}
        td.num{text-align:right;white-space:nowrap}.dim{color:#888}.warn{color:#b35900;font-weight:bold}
        tr.changed td:nth-child(4){color:#1a7f37;font-weight:bold}
        .bar{display:inline-block;height:.8em;background:#4c8bf5;min-width:1px;max-width:8em}
        .diff .add{color:#1a7f37}.diff .del{color:#cf222e}.diff .chg{color:#9a6700}
        .class-exact{color:#1a7f37}.class-inexact{color:#9a6700}.class-unsupported{color:#cf222e}
        .meta{color:#555}body.changed-only tr.same{display:none}
        """

    /// The one script: the "only steps that changed" switch.
    static let script = """
        document.getElementById('changed-only').addEventListener('change',function(e){document.body.classList.toggle('changed-only',e.target.checked);});
        """

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A diff's text with its marked lines in their classes.
    static func diffHTML(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let l = escape(String(line))
            if line.hasPrefix("+ ") { return "<span class=\"add\">\(l)</span>" }
            if line.hasPrefix("- ") { return "<span class=\"del\">\(l)</span>" }
            if line.hasPrefix("~ ") || line.hasPrefix("moved ") { return "<span class=\"chg\">\(l)</span>" }
            return l
        }.joined(separator: "\n")
    }
}

extension Session {
    /// The report of one query: planned, and run unless `analyze` is false.
    public func report(_ sql: String, analyze: Bool = true, cancellation: Cancellation? = nil) throws(StatementError) -> PlanReport {
        var plan: LogicalPlan
        do { plan = try logicalPlan(sql) } catch { throw error }
        if case .explain(let e) = plan { plan = e.plan }
        return try report(of: plan, sql: sql, analyze: analyze, cancellation: cancellation)
    }

    /// The report of a bound plan (a pipeline view's), headed by `sql`.
    public func report(of plan: LogicalPlan, sql: String, analyze: Bool = true, cancellation: Cancellation? = nil) throws(StatementError) -> PlanReport {
        let inspection = try self.inspection(of: plan, analyze: analyze, cancellation: cancellation)
        return PlanReport(sql: sql, inspection: inspection, manifest: manifest)
    }
}
