import PlanCore
import Testing

/// Every plan node and expression kind has a readable display line.
@Suite struct DisplayTests {
    static let t = Schema([Field(name: "a", dataType: .int64), Field(name: "b", dataType: .text),
                           Field(name: "c", dataType: .decimal(precision: 15, scale: 2)), Field(name: "d", dataType: .date)])
    static func scan(_ name: String = "t") throws -> LogicalPlan {
        .tableScan(try TableScan(tableName: name, sourceSchema: t))
    }

    @Test func expressionKinds() throws {
        let sub = Subquery(plan: try Self.scan("u"), outerReferences: [])
        let cases: [(Expr, String)] = [
            (col("t.a"), "t.a"),
            (.outerColumn(Column(relation: "t", name: "a"), .int64), "outer_ref(t.a)"),
            (lit(1), "Int64(1)"),
            (lit("x"), "Utf8(\"x\")"),
            (.literal(.decimal(1250, precision: 15, scale: 2)), "Decimal128(Some(1250),15,2)"),
            (.literal(.date(0)), "Date32(\"1970-01-01\")"),
            (.literal(.null), "NULL"),
            (.literal(.interval(Interval(months: 14, days: 3))), "Interval(\"1 year 2 mons 3 days\")"),
            (col("t.a").alias("x"), "t.a AS x"),
            (.not(col("t.a") > lit(1)), "NOT t.a > Int64(1)"),
            (.negative(col("t.a")), "(- t.a)"),
            (col("t.a") * (lit(1) - col("t.c")), "t.a * (Int64(1) - t.c)"),
            ((col("t.a") - lit(1)) - lit(2), "t.a - Int64(1) - Int64(2)"),
            (col("t.a") - (lit(1) - lit(2)), "t.a - (Int64(1) - Int64(2))"),
            ((col("t.a") > lit(1)).or(col("t.a") < lit(0)).and(lit(true)), "(t.a > Int64(1) OR t.a < Int64(0)) AND Boolean(true)"),
            (.isTest(col("t.b"), .isNotNull), "t.b IS NOT NULL"),
            (.between(col("t.a"), low: lit(1), high: lit(5), negated: true), "t.a NOT BETWEEN Int64(1) AND Int64(5)"),
            (.like(Like(col("t.b"), lit("a%"), caseInsensitive: true)), "t.b ILIKE Utf8(\"a%\")"),
            (.like(Like(col("t.b"), lit("a#%"), negated: true, escape: "#")), "t.b NOT LIKE Utf8(\"a#%\") ESCAPE '#'"),
            (.like(Like(col("t.b"), lit("a\\%"), escape: nil)), "t.b LIKE Utf8(\"a\\%\") ESCAPE ''"),
            (.inList(col("t.a"), [lit(1), lit(2)], negated: false), "t.a IN ([Int64(1), Int64(2)])"),
            (.caseWhen(CaseWhen(operand: col("t.a"), branches: [.init(when: lit(1), then: lit("one"))], elseExpr: lit("many"))),
             "CASE t.a WHEN Int64(1) THEN Utf8(\"one\") ELSE Utf8(\"many\") END"),
            (.cast(col("t.b"), .date), "CAST(t.b AS Date32)"),
            (.scalarFunction(.upper, [col("t.b")]), "upper(t.b)"),
            (.aggregate(AggregateCall(.count, [])), "count(*)"),
            (.aggregate(AggregateCall(.sum, [col("t.c")], distinct: true, filter: col("t.a") > lit(0))),
             "sum(DISTINCT t.c) FILTER (WHERE t.a > Int64(0))"),
            (.exists(sub, negated: true), "NOT EXISTS (<subquery>)"),
            (.inSubquery(col("t.a"), sub, negated: false), "t.a IN (<subquery>)"),
            (.scalarSubquery(sub), "(<subquery>)"),
        ]
        for (expr, text) in cases { #expect(expr.description == text) }
    }

    @Test func planNodeKinds() throws {
        let t = try Self.scan()
        let u = try Self.scan("u")
        let cases: [(LogicalPlan, String)] = [
            (.tableScan(try TableScan(tableName: "t", sourceSchema: Self.t, projection: [0, 1],
                                      filters: [ScanFilter(col("a") > lit(1), .exact), ScanFilter(col("b").eq(lit("x")), .inexact)], fetch: 5)),
             "TableScan: t projection=[a, b] full_filters=[a > Int64(1)] partial_filters=[b = Utf8(\"x\")] fetch=5"),
            (.projection(try Projection([col("t.a"), (col("t.a") + lit(1)).alias("n")], input: t)), "Projection: t.a, t.a + Int64(1) AS n"),
            (.filter(try Filter(col("t.a") > lit(1), input: t)), "Filter: t.a > Int64(1)"),
            (.aggregate(try Aggregate(groupBy: [col("t.b")], aggregates: [.aggregate(AggregateCall(.max, [col("t.a")]))], input: t)),
             "Aggregate: groupBy=[[t.b]], aggr=[[max(t.a)]]"),
            (.join(try Join(left: t, right: u, joinType: .left, on: [JoinKey(col("t.a"), col("u.a"))], filter: col("t.c") > col("u.c"))),
             "Left Join: t.a = u.a Filter: t.c > u.c"),
            (.join(try Join(left: t, right: u, joinType: .leftAnti, on: [JoinKey(col("t.a"), col("u.a"))], nullAware: true)),
             "LeftAnti Join: t.a = u.a (null-aware)"),
            (.crossJoin(CrossJoin(left: t, right: u)), "Cross Join: "),
            (.sort(try Sort([SortExpr(col("t.a"), ascending: false)], input: t, fetch: 3)), "Sort: t.a DESC NULLS FIRST, fetch=3"),
            (.limit(Limit(skip: 2, fetch: nil, input: t)), "Limit: skip=2, fetch=None"),
            (.setOperation(try SetOperation(.except, all: true, left: t, right: u)), "Except All"),
            (.distinct(Distinct(input: t)), "Distinct:"),
            (.subqueryAlias(SubqueryAlias("x", input: t)), "SubqueryAlias: x"),
            (.values(try Values(rows: [[lit(1), lit("a")]])), "Values: (Int64(1), Utf8(\"a\"))"),
            (.emptyRelation(EmptyRelation(produceOneRow: true)), "EmptyRelation: rows=1"),
            (.dml(DMLStatement(table: "t", tableSchema: Self.t, operation: .insert, input: t)), "Dml: op=[Insert Into] table=[t]"),
            (.ddl(.createTable(CreateTable(name: "n", schema: Schema([Field(name: "a", dataType: .int32)]), ifNotExists: false, input: nil))),
             "CreateMemoryTable: n (a INTEGER)"),
            (.ddl(.createView(name: "v", input: t, sql: "SELECT * FROM t", orReplace: false)), "CreateView: v"),
            (.ddl(.createExternalTable(CreateExternalTable(name: "e", schema: nil, format: "csv", location: "e.csv", options: [:]))),
             "CreateExternalTable: e format=csv location=e.csv"),
            (.ddl(.dropTable(name: "t", ifExists: true)), "DropTable: t"),
            (.ddl(.dropView(name: "v", ifExists: false)), "DropView: v"),
            (.statement(.setVariable(name: "explain.format", value: "tree")), "SetVariable: explain.format = tree"),
            (.explain(Explain(verbose: true, analyze: false, plan: t)), "Explain: verbose"),
        ]
        for (plan, line) in cases { #expect(plan.nodeLine == line) }
    }

    static func sample() throws -> LogicalPlan {
        let t = try scan()
        let sub = Subquery(plan: .projection(try Projection([col("u.a")], input: try scan("u"))))
        let filter = LogicalPlan.filter(try Filter((col("t.a") > lit(1)).and(.inSubquery(col("t.a"), sub, negated: false)), input: t))
        return .projection(try Projection([col("t.a")], input: filter))
    }

    @Test func indentFormatShowsSubqueriesBeforeInputs() throws {
        #expect(IndentRenderer.render(try Self.sample()) == """
            Projection: t.a
              Filter: t.a > Int64(1) AND t.a IN (<subquery>)
                Subquery:
                  Projection: u.a
                    TableScan: u
                TableScan: t
            """)
        #expect(IndentRenderer.numbered(try Self.sample()).hasPrefix("01)Projection: t.a\n02)--Filter:"))
    }

    @Test func treeFormat() throws {
        #expect(TreeRenderer.render(try Self.sample()) == """
            Projection: t.a
            └── Filter: t.a > Int64(1) AND t.a IN (<subquery>)
                ├── Subquery: Projection: u.a
                │   └── TableScan: u
                └── TableScan: t
            """)
        #expect(TreeRenderer.render(try Self.sample(), ascii: true).contains("|-- Subquery: Projection: u.a"))
    }

    @Test func jsonFormat() throws {
        let json = PlanJSON.document(.limit(Limit(skip: 0, fetch: 1, input: try Self.scan()))).canonical
        #expect(json.hasPrefix(#"{"plan":{"detail":"skip=0, fetch=1","fetch":1,"inputs":[{"detail":"t","inputs":[],"node":"TableScan""#))
        #expect(json.contains(#""schema_version":1"#))
        #expect(json.contains(#"{"name":"c","nullable":true,"qualifier":"t","type":"DECIMAL(15,2)"}"#))
    }

    @Test func numbersForPeople() {
        #expect(grouped(1_234_567) == "1,234,567" && grouped(-1000) == "-1,000" && grouped(999) == "999")
        #expect(bytesText(937) == "937 B" && bytesText(1024) == "1.0 KiB" && bytesText(391_168) == "382.0 KiB")
        #expect(bytesText(1_483_538_432) == "1.4 GiB" && bytesText(5 * 1024 * 1024 + 100_000) == "5.1 MiB")
    }
}
