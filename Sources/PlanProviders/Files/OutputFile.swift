import PlanCore
import PlanExec
import PlanParquet

/// Rows written to a file in the format COPY's options name — CSV, JSON lines or Parquet —
/// as they are produced: the one writer behind `COPY … TO` and pipeline outputs. Through
/// ``AtomicFile``, so a failure leaves no partial file.
public enum OutputFile {
    /// Writes the rows `produce` hands to the function it is given; returns their count.
    /// `timeZone`: the zone CSV and JSON lines write `TIMESTAMPTZ` values in (the
    /// session's); Parquet keeps UTC instants (`isAdjustedToUTC`).
    public static func write(to path: String, schema: Schema, options: CopyOptions, timeZone: SQLTimeZone, creatingFolder: Bool = false,
                             _ produce: (_ rows: (RecordBatch) throws -> Void) throws -> Void) throws -> Int {
        try AtomicFile.write(to: path, creatingFolder: creatingFolder) { put in
            // `put` is used only within this call (the Parquet writer keeps it until `finish`).
            try withoutActuallyEscaping(put) { put in
                switch options.format {
                case .parquet:
                    var writer = try ParquetFileWriter(schema: schema, options: ParquetWriteOptions(options), output: put)
                    try produce { batch in try writer.append(batch) }
                    return try writer.finish()
                case .csv, .jsonl:
                    var rows = 0
                    var first = true
                    func text(_ batches: [RecordBatch]) -> [UInt8] {
                        defer { first = false }
                        guard options.format == .csv else { return Array(JSONLinesWriter.text(batches, schema: schema, timeZone: timeZone).utf8) }
                        return Array(CSVWriter.text(batches, schema: schema, delimiter: options.delimiter, header: first && options.header,
                                                    null: options.null, timeZone: timeZone).utf8)
                    }
                    try produce { batch in
                        rows += batch.rowCount
                        try put(text([batch]))
                    }
                    if first { try put(text([])) }
                    return rows
                }
            }
        }
    }
}
