/// A filter offered to a scan together with the provider's answer.
public struct ScanFilter: Hashable, Sendable {
    public var expr: Expr
    public var pushdown: FilterPushdown
    public init(_ expr: Expr, _ pushdown: FilterPushdown) {
        self.expr = expr
        self.pushdown = pushdown
    }
}

/// Reads a table. Slots for a projection (column indices into the table's schema),
/// filters pushed to the provider, and a row limit (`fetch`).
public struct TableScan: Hashable, Sendable {
    public let tableName: String
    public let source: TableSourceHandle
    /// The table's full schema, qualified by `tableName`.
    public let sourceSchema: Schema
    public let projection: [Int]?
    public let filters: [ScanFilter]
    public let fetch: Int?
    public let schema: Schema

    public init(tableName: String, sourceSchema: Schema, source: (any TableSource)? = nil,
                projection: [Int]? = nil, filters: [ScanFilter] = [], fetch: Int? = nil) throws(PlanError) {
        self.tableName = tableName
        self.source = TableSourceHandle(source)
        let qualified = sourceSchema.qualified(by: tableName)
        self.sourceSchema = qualified
        if let projection {
            for i in projection where !qualified.fields.indices.contains(i) {
                throw PlanError(.invalidPlan, "projection index \(i) out of range for table \(tableName)")
            }
            schema = Schema(projection.map { qualified.fields[$0] })
        } else {
            schema = qualified
        }
        self.projection = projection
        self.filters = filters
        self.fetch = fetch
    }
}
