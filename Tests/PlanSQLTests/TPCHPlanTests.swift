import Foundation
import PlanCore
import PlanEngine
import PlanTesting
import Testing

/// Every TPC-H query parses and binds against the TPC-H schema; the bound plan is
/// golden-tested in the indent format (Fixtures/tpch/qNN.plan).
@Suite struct TPCHPlanTests {
    static func session() throws -> Session {
        let session = Session()
        let schema = try String(contentsOf: sharedFixtures().appendingPathComponent("tpch/schema.sql"), encoding: .utf8)
        _ = try session.execute(schema)
        return session
    }

    @Test(arguments: 1...22)
    func boundPlanMatchesGolden(query: Int) throws {
        let name = query < 10 ? "q0\(query)" : "q\(query)"
        let sql = try String(contentsOf: sharedFixtures().appendingPathComponent("tpch/queries/\(name).sql"), encoding: .utf8)
        let plan = try Self.session().logicalPlan(sql)
        try expectGolden(IndentRenderer.render(plan), at: fixtures().appendingPathComponent("tpch/\(name).plan"))
    }

    @Test func everyQueryHasTheSchemaItPromises() throws {
        let session = try Self.session()
        let q1 = try String(contentsOf: sharedFixtures().appendingPathComponent("tpch/queries/q01.sql"), encoding: .utf8)
        let plan = try session.logicalPlan(q1)
        #expect(plan.schema.names == ["l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price",
                                      "sum_charge", "avg_qty", "avg_price", "avg_disc", "count_order"])
        #expect(plan.schema.fields[2].dataType == .decimal(precision: 38, scale: 2))
        #expect(plan.schema.fields[9].dataType == .int64)
    }
}
