import PlanCore

/// String functions over whole columns, byte by byte where the text is ASCII (a
/// character is a byte there); any other row goes through ``ScalarOps`` as before.
enum StringKernels {
    /// `substr(text, start [, length])` (1-based, characters); nil when the arguments
    /// are not a string column and integer columns.
    static func substr(_ columns: [ColumnVector], resultType: DataType) throws -> ColumnVector? {
        guard resultType.isString, columns.count == 2 || columns.count == 3,
              case .string(let text) = columns[0].values,
              let starts = JoinHashTable.integers(columns[1]) else { return nil }
        let lengths = columns.count == 3 ? JoinHashTable.integers(columns[2]) : nil
        if columns.count == 3 && lengths == nil { return nil }
        let n = columns[0].count
        var builder = ColumnBuilder(resultType, capacity: n)
        var failure: (row: Int, error: PlanError)?
        text.bytes.withUnsafeBufferPointer { bytes in
            for r in 0..<n {
                let range = text.range(r)
                let row = UnsafeBufferPointer(rebasing: bytes[range])
                if columns.contains(where: { $0.isNull(r) }) || row.contains(where: { $0 >= 0x80 })
                    || (lengths.map { $0[r] < 0 } ?? false) {
                    // NULLs, non-ASCII text and negative lengths: the row-by-row path.
                    do {
                        builder.append(try ScalarOps.function(.substr, columns.map { $0.value(r) }, resultType: resultType))
                    } catch let error as PlanError {
                        failure = (r, error)
                        return
                    } catch {
                        failure = (r, PlanError(.execution, "\(error)"))
                        return
                    }
                    continue
                }
                let start = starts[r]
                let end = lengths.map { start.addingReportingOverflow($0[r]) }.map { $0.overflow ? Int64.max : $0.partialValue } ?? Int64(row.count) + 1
                let lo = max(start, 1), hi = min(end, Int64(row.count) + 1)
                let piece = lo < hi ? UnsafeBufferPointer(rebasing: row[Int(lo - 1)..<Int(hi - 1)]) : UnsafeBufferPointer(rebasing: row[0..<0])
                if !builder.appendUTF8(bytes: piece) { builder.append(.string(String(decoding: piece, as: UTF8.self))) }
            }
        }
        if let failure { throw RowFailure(row: failure.row, error: failure.error) }
        return builder.finish()
    }
}
