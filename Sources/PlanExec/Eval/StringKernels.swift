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
        text.withUnsafeLayout { layout in
            for r in 0..<n {
                let row = layout.string(r)
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

    /// `column IN (constants)` for a string column and string constants, or an
    /// integer-like column and integer constants, comparing raw bytes or integers (no
    /// value per row); nil otherwise. NULL rows stay NULL.
    static func inList(_ column: ColumnVector, _ constants: Set<ScalarValue>, negated: Bool) -> ColumnVector? {
        let n = column.count
        var out = [Bool](repeating: false, count: n)
        if case .string(let s) = column.values {
            guard column.dataType.isString else { return nil }
            var needles: [[UInt8]] = []
            for c in constants {
                guard case .string(let text) = c else { return nil }
                needles.append(Array(text.utf8))
            }
            guard needles.count <= 16 else { return nil }
            s.withUnsafeLayout { layout in
                for i in 0..<n where !column.isNull(i) {
                    let row = layout.string(i)
                    out[i] = needles.contains { $0.count == row.count && $0.elementsEqual(row) } != negated
                }
            }
            return ColumnVector(.boolean, .boolean(out), validity: column.validity)
        }
        guard let ints = JoinHashTable.integers(column) else { return nil }
        var wanted = Set<Int64>()
        for c in constants {
            guard case .int64(let x) = PhysicalExpr.normalizeKey(c) else { return nil }
            wanted.insert(x)
        }
        let list = Array(wanted)
        for i in 0..<n where !column.isNull(i) {
            let x = ints[i]
            out[i] = (list.count <= 8 ? list.contains(x) : wanted.contains(x)) != negated
        }
        return ColumnVector(.boolean, .boolean(out), validity: column.validity)
    }
}
