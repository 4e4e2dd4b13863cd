import PlanCore
import PlanExec

/// Writes rows as a Parquet file, as batches arrive: the file layout.
///
///     PAR1 | row group 0: column chunk 0, 1, … | row group 1 … |
///     column indexes (every chunk's, row group by row group) | offset indexes (likewise) |
///     footer (FileMetaData, Thrift compact) | footer length (4 bytes LE) | PAR1
///
/// Rows are held until a row group is full (``ParquetWriteOptions/rowGroupSize``), then its
/// columns are encoded side by side on the shared runtime and handed to `output` in order;
/// the page indexes and the footer follow in ``finish()``. A table without rows is a file
/// with a schema and no row groups.
public struct ParquetFileWriter {
    let leaves: [LeafColumn]
    let schema: Schema
    let options: ParquetWriteOptions
    let output: ([UInt8]) throws -> Void
    var position = 0
    var pending: [RecordBatch] = []
    var pendingRows = 0
    var rowGroups: [RowGroup] = []
    var indexes: [[WrittenChunk]] = []
    public private(set) var rowsWritten = 0

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Starts a file of `schema`'s columns; `output` receives its bytes in order. Throws
    /// for a column type Parquet cannot hold or two columns of one name.
    public init(schema: Schema, options: ParquetWriteOptions, output: @escaping ([UInt8]) throws -> Void) throws {
        let names = schema.displayNames
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw PlanError(.invalidPlan, "cannot write Parquet: two columns are named '\(name)' (give one an alias)")
        }
        leaves = try zip(schema.fields, names).map { field, name in
            var f = field
            f.name = name
            return try LeafColumn(f)
        }
        self.schema = schema
        self.options = options
        self.output = output
        try emit(Self.magic)
    }

    mutating func emit(_ bytes: [UInt8]) throws {
        try output(bytes)
        position += bytes.count
    }

    /// Adds rows; every full row group is written at once.
    public mutating func append(_ batch: RecordBatch) throws {
        guard batch.rowCount > 0 else { return }
        pending.append(batch)
        pendingRows += batch.rowCount
        while pendingRows >= options.rowGroupSize {
            let all = RecordBatch.concat(pending, schema: batch.schema)
            try writeRowGroup(all.slice(0..<options.rowGroupSize))
            let rest = all.slice(options.rowGroupSize..<all.rowCount)
            pending = rest.rowCount > 0 ? [rest] : []
            pendingRows = rest.rowCount
        }
    }

    /// Writes the last row group, the page indexes and the footer; returns the rows written.
    public mutating func finish() throws -> Int {
        if pendingRows > 0, let first = pending.first {
            try writeRowGroup(RecordBatch.concat(pending, schema: first.schema))
            pending = []
            pendingRows = 0
        }
        try writePageIndexes()
        var meta = FileMetaData()
        meta.version = 1
        meta.numRows = Int64(rowsWritten)
        meta.createdBy = "planscope"
        var root = SchemaElement()
        root.name = "schema"
        root.numChildren = Int32(clamping: leaves.count)  // a query's columns: far below Int32.max
        meta.schema = [root] + leaves.map(\.element)
        meta.rowGroups = rowGroups
        let footer = meta.encoded()
        try emit(footer)
        var tail: [UInt8] = []
        guard let footerLength = UInt32(exactly: footer.count) else { throw PlanError(.execution, "cannot write Parquet: a footer of over 4 GiB") }
        PlainEncoder.appendLittleEndian(CollectionOfOne(footerLength), into: &tail)
        try emit(tail + Self.magic)
        return rowsWritten
    }

    mutating func writeRowGroup(_ batch: RecordBatch) throws {
        let leaves = self.leaves, options = self.options
        // Columns encode independently (offsets from 0), side by side; then placed in order.
        let encoded = ExecutionRuntime.shared.map(Array(batch.columns.enumerated()), minimumSlice: 1) { i, column in
            Result { () throws(PlanError) -> WrittenChunk in
                let (defined, values) = try leaves[i].physical(column)
                return try ColumnChunkWriter(leaf: leaves[i], options: options).write(defined: defined, values: values, rows: batch.rowCount, start: 0)
            }
        }
        var group = RowGroup()
        group.numRows = Int64(batch.rowCount)
        var chunks: [WrittenChunk] = []
        for result in encoded {
            var chunk = try result.get()
            chunk.move(by: position)
            try emit(chunk.bytes)
            group.totalByteSize += chunk.metaData.totalUncompressedSize
            chunk.bytes = []
            chunks.append(chunk)
        }
        indexes.append(chunks)
        rowGroups.append(group)
        rowsWritten += batch.rowCount
    }

    /// Every chunk's column index, then every chunk's offset index, their places recorded
    /// in the row groups' column chunks.
    mutating func writePageIndexes() throws {
        var columns = indexes.map { $0.map { ColumnChunk(metaData: $0.metaData) } }
        for (g, chunks) in indexes.enumerated() {
            for (c, chunk) in chunks.enumerated() {
                guard let index = chunk.columnIndex else { continue }
                let bytes = index.encoded()
                columns[g][c].columnIndexOffset = Int64(position)
                columns[g][c].columnIndexLength = try Self.length(bytes)
                try emit(bytes)
            }
        }
        for (g, chunks) in indexes.enumerated() {
            for (c, chunk) in chunks.enumerated() {
                let bytes = chunk.offsetIndex.encoded()
                columns[g][c].offsetIndexOffset = Int64(position)
                columns[g][c].offsetIndexLength = try Self.length(bytes)
                try emit(bytes)
            }
            rowGroups[g].columns = columns[g]
        }
    }
}

extension ParquetFileWriter {
    /// A page index's length as the footer stores it (an i32).
    static func length(_ bytes: [UInt8]) throws(PlanError) -> Int32 {
        guard let n = Int32(exactly: bytes.count) else { throw PlanError(.execution, "cannot write Parquet: a page index of over 2 GiB") }
        return n
    }
}

extension WrittenChunk {
    /// The chunk placed at file offset `base` (it was encoded as if at 0).
    mutating func move(by base: Int) {
        let b = Int64(base)
        metaData.dataPageOffset += b
        metaData.dictionaryPageOffset = metaData.dictionaryPageOffset.map { $0 + b }
        for i in offsetIndex.pages.indices { offsetIndex.pages[i].offset += b }
    }
}

extension ColumnChunk {
    init(metaData: ColumnMetaData) {
        self.init()
        self.metaData = metaData
    }
}
