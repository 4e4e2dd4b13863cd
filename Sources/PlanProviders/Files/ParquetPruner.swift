import PlanCore
import PlanExec
import PlanParquet

/// Which row groups and rows of a Parquet file a scan's filters leave to read, on the
/// file's own statistics: row-group min/max and NULL counts from the footer, bloom filters
/// (equality and IN), and the page index (column index + offset index). Every mechanism
/// only skips data no row of which can pass a filter (the filters stay above the scan:
/// Inexact), and each is switched by ``ScanPruning``.
struct ParquetPruner: Sendable {
    let file: ParquetFile
    let zones: ZonePruning
    /// The judgeable filters.
    let filters: [Expr]
    /// Per column of the table's schema: the file column whose statistics it may use (nil
    /// when a declared type differs from the file's: the orders may differ).
    let fileColumns: [Int?]
    let switches: ScanPruning

    init(file: ParquetFile, schema: Schema, sources: [Int], filters: [Expr], switches: ScanPruning) {
        self.file = file
        zones = ZonePruning(schema: schema)
        self.filters = filters.filter(zones.judgeable)
        fileColumns = schema.fields.indices.map { i in
            file.columns[sources[i]].dataType == schema.fields[i].dataType && file.columns[sources[i]].unsupported == nil ? sources[i] : nil
        }
        self.switches = switches
    }

    /// Column `c`'s zone over row group `g` from the footer's statistics.
    func rowGroupZone(_ g: Int, _ c: Int) -> ColumnZone? {
        guard let f = fileColumns[c] else { return nil }
        let column = file.columns[f]
        let group = file.metadata.rowGroups[g]
        let stats = group.columns[column.leaf].metaData?.statistics
        let (lo, hi) = column.bounds(stats)
        return ColumnZone(min: lo, max: hi, nullCount: stats?.nullCount.map { Int(clamping: $0) }, rows: Int(group.numRows))
    }

    /// The row groups to read, counting those pruned into `statistics`.
    func rowGroups(_ statistics: ScanStatistics) -> [Int] {
        let count = file.metadata.rowGroups.count
        var kept: [Int] = []
        var byStatistics = 0, byBloom = 0, bloomBytes = 0
        for g in 0..<count {
            if switches.rowGroups, filters.contains(where: { f in !zones.mayMatch(f) { rowGroupZone(g, $0) } }) {
                byStatistics += 1
                continue
            }
            if switches.bloomFilter, bloomExcludes(g, bytes: &bloomBytes) {
                byBloom += 1
                continue
            }
            kept.append(g)
        }
        statistics.units(total: count, pruned: byStatistics + byBloom, kind: "row groups")
        statistics.pruned(byStatistics, kind: "row groups", by: "statistics")
        statistics.pruned(byBloom, kind: "row groups", by: "bloom filter")
        if bloomBytes > 0 { statistics.read(rows: 0, bytes: bloomBytes) }
        return kept
    }

    /// The equality and IN filters among `f` and its AND operands.
    func equalities(_ f: Expr) -> [(column: Int, values: [ScalarValue])] {
        if case .logical(.and, let operands) = f { return operands.flatMap(equalities) }
        return zones.equalities(f).map { [$0] } ?? []
    }

    /// Whether row group `g`'s bloom filters show that a filter asks only for values
    /// it does not hold.
    func bloomExcludes(_ g: Int, bytes: inout Int) -> Bool {
        var filtersByLeaf: [Int: SplitBlockBloomFilter?] = [:]
        for f in filters {
            for (c, values) in equalities(f) {
                guard let fc = fileColumns[c] else { continue }
                let column = file.columns[fc]
                let bloom: SplitBlockBloomFilter?
                if let known = filtersByLeaf[column.leaf] {
                    bloom = known
                } else {
                    let (b, read) = file.bloomFilter(group: g, leaf: column.leaf)
                    bytes += read
                    filtersByLeaf[column.leaf] = b
                    bloom = b
                }
                guard let bloom else { continue }
                let hashed = values.map(column.bloomBytes)
                if hashed.allSatisfy({ $0 != nil }), !hashed.contains(where: { bloom.mayContain($0 ?? []) }) { return true }
            }
        }
        return false
    }

    /// The rows of row group `g` the page index leaves (nil: all of them), reading the page
    /// index of each filtered column through `index` (by leaf).
    func selection(_ g: Int, index: (Int) -> ParquetFile.PageIndex?) -> RowSelection? {
        guard switches.pageIndex, !filters.isEmpty else { return nil }
        let rows = Int(file.metadata.rowGroups[g].numRows)
        var selected = RowSelection.all(rows)
        for f in filters { selected = selected.intersection(ranges(f, g, rows, index)) }
        return selected.count == rows ? nil : selected
    }

    /// The rows filter `f` may keep by the page index of the one column it reads.
    func ranges(_ f: Expr, _ g: Int, _ rows: Int, _ index: (Int) -> ParquetFile.PageIndex?) -> RowSelection {
        if case .logical(.and, let operands) = f {
            return operands.reduce(RowSelection.all(rows)) { $0.intersection(ranges($1, g, rows, index)) }
        }
        let columns = zones.columns(f)
        guard columns.count == 1, let c = columns.first, let fc = fileColumns[c] else { return .all(rows) }
        let column = file.columns[fc]
        guard let pages = index(column.leaf), let columnIndex = pages.column else { return .all(rows) }
        var kept: [Range<Int>] = []
        for p in pages.offsets.pages.indices {
            let span = pages.offsets.rows(ofPage: p, groupRows: rows)
            let isNull = columnIndex.nullPages[p]
            let (lo, hi) = isNull ? (nil, nil) : column.pageBounds(min: columnIndex.minValues[p], max: columnIndex.maxValues[p])
            let nulls = isNull ? span.count : columnIndex.nullCounts.map { Int(clamping: $0[p]) }
            let zone = ColumnZone(min: lo, max: hi, nullCount: nulls, rows: span.count)
            if zones.mayMatch(f, { $0 == c ? zone : nil }) { kept.append(span) }
        }
        return RowSelection(kept)
    }
}
