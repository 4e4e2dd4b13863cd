import Foundation
import PlanCore
import PlanEngine
import PlanPipeline
import Testing

/// now() and current_date: one value per statement, and per pipeline run.
@Suite struct StatementTimeTests {
    @Test func everyViewOfOnePipelineRunSeesOneTime() throws {
        // `later` runs after `first` is materialized (it reads it), so a clock read per
        // view would differ by the time `first` took.
        let spec = try PipelineTests.spec("""
            [{"name": "first", "sql": "SELECT now() AS t, count(*) AS c FROM nums", "view_dependencies": ["nums"]},
             {"name": "later", "sql": "SELECT t = now() AS same, current_date = CAST(t AS DATE) AS today FROM first", "view_dependencies": ["first"]}]
            """)
        let session = Session()
        _ = try session.runPipeline(try session.loadPipeline(spec), writeOutputs: false)
        #expect(try session.query("SELECT same, today FROM later").rows == [[.boolean(true), .boolean(true)]])
    }

    @Test func plansKeepTheCallSoTheyDoNotChangeFromRunToRun() throws {
        let session = Session()
        let sql = "SELECT now() AS t, current_date AS d"
        let first = try session.logicalPlan(sql), second = try session.logicalPlan(sql)
        #expect(first == second)
        #expect(IndentRenderer.render(first).contains("now()"))
        // Every reference in one statement, subqueries included, sees one value.
        let rows = try session.query("SELECT now() = (SELECT now()) AND now() = current_timestamp").rows
        #expect(rows == [[.boolean(true)]])
    }
}
