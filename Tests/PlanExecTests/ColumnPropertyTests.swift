import PlanCore
@testable import PlanExec
import PropertyBased
import Testing

/// The typed paths that replaced per-row `ScalarValue` work give what the value path
/// gives: gathers, slices, appends from a column, group codes, aggregate results, and
/// per-worker aggregation tables merged into one.
@Suite struct ColumnPropertyTests {
    /// Strings of 1 to 11 bytes: some packed into their group code, some interned.
    @Sendable static func longText(_ x: Int64) -> ScalarValue {
        .string(String(repeating: "ab", count: Int(x.magnitude % 6)) + String(x % 7))
    }
    static let types: [(DataType, @Sendable (Int64) -> ScalarValue)] = KernelPropertyTests.types + [(.text, longText)]

    static func column(_ values: [Int64?], _ i: Int) -> ColumnVector {
        KernelPropertyTests.column(values, types[i].0, types[i].1)
    }

    static func rows(_ c: ColumnVector) -> [ScalarValue] { (0..<c.count).map(c.value) }

    @Test func gatherSliceAndAppendFromAColumnAgreeWithValues() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, Gen.int(in: 0...1_000).array(of: 0...60)) { raw, picks in
            for t in Self.types.indices {
                let c = Self.column(raw, t)
                let indices = picks.map { $0 % c.count }
                #expect(Self.rows(c.gather(indices)) == indices.map(c.value))
                let lo = (picks.first ?? 0) % (c.count + 1), hi = lo + ((picks.last ?? 0) % (c.count - lo + 1))
                #expect(Self.rows(c.slice(lo..<hi)) == (lo..<hi).map(c.value))
                let padded = indices.enumerated().map { $0.offset % 3 == 1 ? -1 : $0.element }
                #expect(Self.rows(c.gatherOrNull(padded)) == padded.map { $0 < 0 ? .null : c.value($0) })
                let parts = [c.slice(0..<lo), c.slice(lo..<hi), c.slice(hi..<c.count), c]
                #expect(Self.rows(ColumnVector.concat(parts, type: c.dataType)) == parts.flatMap(Self.rows))
                var typed = ColumnBuilder(c.dataType), byValue = ColumnBuilder(c.dataType)
                for r in indices { typed.append(c, row: r); byValue.append(c.value(r)) }
                #expect(typed.finish() == byValue.finish())
            }
        }
    }

    @Test func substrOnWholeColumnsAgreesWithScalarOps() async {
        let pieces = ["a", "bc", "é", "x y", "", "ü", "12345"]
        await propertyCheck(count: 200, input: KernelPropertyTests.raw, KernelPropertyTests.raw) { a, b in
            let n = min(a.count, b.count)
            let text = KernelPropertyTests.column(Array(a.prefix(n)), .text) { x in
                .string((0..<Int(x.magnitude % 5)).map { pieces[Int((x.magnitude >> UInt64($0 * 3)) % 7)] }.joined())
            }
            let starts = KernelPropertyTests.column(Array(b.prefix(n)).map { $0.map { $0 % 9 - 2 } }, .int64) { .int64($0) }
            let lengths = KernelPropertyTests.column(Array(a.prefix(n)).map { $0.map { $0 % 8 - (($0 % 13 == 0) ? 9 : 0) } }, .int64) { .int64($0) }
            for columns in [[text, starts], [text, starts, lengths]] {
                var expected: [ScalarValue] = []
                var firstFailure: Int?
                for r in 0..<n {
                    do { expected.append(try ScalarOps.function(.substr, columns.map { $0.value(r) }, resultType: .text)) } catch {
                        firstFailure = firstFailure ?? r
                        expected.append(.null)
                    }
                }
                do {
                    let actual = try StringKernels.substr(columns, resultType: .text)
                    #expect(firstFailure == nil)
                    #expect(actual.map(Self.rows) == expected)
                } catch let failure as RowFailure {
                    #expect(failure.row == firstFailure)
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
        }
    }

    /// Two key columns of `n` rows (the first of type `t`, the second with many ties) and
    /// their directions and NULL placements from `flags`' bits.
    static func sortKeys(_ a: [Int64?], _ b: [Int64?], _ n: Int, _ t: Int, _ flags: Int) -> ([ColumnVector], [SortExpr]) {
        let columns = [column(Array(a.prefix(n)), t), column(Array(b.prefix(n)).map { $0.map { $0 % 3 } }, 0)]
        let keys = [SortExpr(.literal(.null), ascending: flags & 1 == 0, nullsFirst: flags & 2 == 0),
                    SortExpr(.literal(.null), ascending: flags & 4 == 0, nullsFirst: flags & 8 == 0)]
        return (columns, keys)
    }

    @Test func sortKeyComparisonsAgreeWithValueComparisons() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, KernelPropertyTests.raw, Gen.int(in: 0...15)) { a, b, flags in
            let n = min(a.count, b.count)
            for t in Self.types.indices {
                let (columns, keys) = Self.sortKeys(a, b, n, t, flags)
                let comparator = SortKeyComparator(columns: columns, keys: keys)
                var failure: PlanError?
                for i in 0..<n {
                    for j in 0..<n {
                        // The value path: NULLs placed as asked, then ScalarOps order.
                        var expected = 0
                        for (c, key) in zip(columns, keys) {
                            let x = c.value(i), y = c.value(j)
                            if x.isNull || y.isNull {
                                if x.isNull && y.isNull { continue }
                                expected = x.isNull == key.nullsFirst ? -1 : 1
                                break
                            }
                            let order = ScalarOps.compare(x, y) ?? 0
                            if order != 0 { expected = key.ascending ? order : -order; break }
                        }
                        #expect(comparator.order(i, j, failure: &failure).signum() == expected.signum())
                    }
                }
                #expect(failure == nil)
            }
        }
    }

    /// Keys packed into integers (`PackedSortKeys`) give the comparator sort's order, ties in
    /// input order, for every type that packs (the others are left to the comparator).
    @Test func packedSortKeysGiveTheComparatorsOrder() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, KernelPropertyTests.raw, Gen.int(in: 0...15)) { a, b, flags in
            let n = min(a.count, b.count)
            for t in Self.types.indices {
                let (columns, keys) = Self.sortKeys(a, b, n, t, flags)
                guard let packed = try? PackedSortKeys.order(columns: columns, keys: keys, rowCount: n) else { continue }
                #expect(packed == Self.comparatorOrder(columns, keys, n), "type \(Self.types[t].0)")
            }
        }
    }

    /// Keys wider than 64 bits with the row number (three 30-bit keys, one with NULLs) pack
    /// into 128 bits and still give the comparator's order, in both directions.
    @Test func packedSortKeysWiderThan64BitsGiveTheComparatorsOrder() throws {
        var rng = SystemRandomNumberGenerator()
        let n = 3_000
        func key(_ nulls: Bool) -> ColumnVector {
            // Few distinct high parts, so later keys break many ties.
            let values = (0..<n).map { _ -> Int64? in
                nulls && Int.random(in: 0..<7, using: &rng) == 0 ? nil
                    : Int64.random(in: 0..<4, using: &rng) << 28 + Int64.random(in: 0..<3, using: &rng)
            }
            return KernelPropertyTests.column(values, .int64) { .int64($0) }
        }
        let columns = [key(false), key(true), key(false)]
        for flags in 0..<8 {
            let keys = (0..<3).map { k in SortExpr(.literal(.null), ascending: flags >> k & 1 == 0, nullsFirst: flags & 1 == 0) }
            let packed = try #require(try PackedSortKeys.order(columns: columns, keys: keys, rowCount: n, workers: 2))
            #expect(packed == Self.comparatorOrder(columns, keys, n), "flags \(flags)")
        }
    }

    /// The comparator sort's order of `n` rows (ties in input order).
    static func comparatorOrder(_ columns: [ColumnVector], _ keys: [SortExpr], _ n: Int) -> [Int] {
        let comparator = SortKeyComparator(columns: columns, keys: keys)
        var failure: PlanError?
        return (0..<n).sorted { i, j in
            let c = comparator.order(i, j, failure: &failure)
            return c != 0 ? c < 0 : i < j
        }
    }

    /// A table's stored form gives back exactly the column it was made from, whole and
    /// in slices, for every type (NULLs included).
    @Test func compactColumnsDecodeToTheirColumn() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, Gen.int(in: 0...1_000).array(of: 2...2)) { raw, picks in
            for t in Self.types.indices {
                // Repeated so that most columns are long enough to be dictionary-coded.
                let c = ColumnVector.concat(Array(repeating: Self.column(raw, t), count: 4), type: Self.types[t].0)
                let compact = CompactColumn(c)
                #expect(compact.count == c.count && compact.nullCount == c.nullCount)
                #expect(Self.rows(compact.vector()) == Self.rows(c))
                #expect(compact.vector().dataType == c.dataType)
                let lo = picks[0] % (c.count + 1), hi = lo + picks[1] % (c.count - lo + 1)
                #expect(Self.rows(compact.vector(lo..<hi)) == (lo..<hi).map(c.value))
            }
        }
    }

    /// Which columns are stored smaller: repeating strings and decimals that fit 64 bits
    /// are; unique strings, 257 distinct strings and decimals beyond 64 bits are not.
    @Test func compactFormsAreChosenWhereTheySaveMemory() {
        func strings(_ n: Int, _ make: (Int) -> String) -> ColumnVector {
            ColumnVector(.text, .string(StringArray((0..<n).map(make))))
        }
        let flags = CompactColumn(strings(4096) { ["A", "N", "R"][$0 % 3] })
        guard case .dictionary(_, let codes, let entries, _) = flags else { Issue.record("flags: \(flags)"); return }
        #expect(entries.count == 3 && codes.count == 4096)
        #expect(flags.storedBytes * 4 < ColumnVector(.text, .string(StringArray(["A"]))).byteSize * 4096)
        let modes = CompactColumn(strings(4096) { "MODE-\($0 % 256)" })
        if case .dictionary(_, _, let entries, _) = modes { #expect(entries.count == 256) } else { Issue.record("256 distinct") }
        for (name, column) in [("unique", strings(4096) { "comment number \($0)" }), ("257 distinct", strings(4096) { "MODE-\($0 % 257)" })] {
            if case .plain = CompactColumn(column) {} else { Issue.record("\(name) strings were coded") }
        }
        let huge = ColumnVector(.decimal(precision: 38, scale: 0), .decimal([1, Int128(Int64.max) + 1]))
        if case .plain = CompactColumn(huge) {} else { Issue.record("a decimal beyond 64 bits was narrowed") }
    }

    /// Integers, dates, timestamps and decimals are stored in the narrowest width that
    /// holds all their values (NULLs kept), and read back exactly; those that need their
    /// full width stay as they are.
    @Test func integerColumnsArePackedIntoTheirNarrowestWidth() {
        func width(_ column: ColumnVector) -> Int? {
            let compact = CompactColumn(column)
            #expect(Self.rows(compact.vector()) == Self.rows(column), "\(column.dataType)")
            #expect(Self.rows(compact.vector(1..<3)) == (1..<3).map(column.value), "\(column.dataType)")
            #expect(Self.rows(compact.vector(at: [3, 0, 3])) == [3, 0, 3].map(column.value), "\(column.dataType)")
            #expect(compact.vector().dataType == column.dataType)
            guard case .packed(_, _, let a, _) = compact else { return nil }
            return a.byteSize / a.count
        }
        let cents = ColumnVector(.decimal(precision: 15, scale: 2), .decimal((0..<1000).map { Int128($0) * 9_999 - 5_000_000 }))
        #expect(width(cents) == 4)
        #expect(width(ColumnVector(.decimal(precision: 15, scale: 2), .decimal([0, 4, 10, 7]))) == 1)
        #expect(width(ColumnVector(.decimal(precision: 18, scale: 0), .decimal([0, Int128(Int64.min), 10, 7]))) == 8)
        #expect(width(ColumnVector(.int64, .int64([1, 6_000_000, -3, 9]))) == 4)
        #expect(width(ColumnVector(.int64, .int64([1, Int64.max, -3, 9]))) == nil)
        #expect(width(ColumnVector(.int32, .int32([1, 200, -129, 9]))) == 2)
        #expect(width(ColumnVector(.int32, .int32([1, Int32.min, 0, 9]))) == nil)
        #expect(width(ColumnVector(.int16, .int16([1, 127, -128, 9]))) == 1)
        #expect(width(ColumnVector(.date, .date([8_035, 10_591, 9_000, 8_500]))) == 2)
        #expect(width(ColumnVector(.timestamp, .timestamp([0, 86_400_000_000, 5, 1]))) == nil)
        #expect(width(ColumnVector(.timestamp, .timestamp([0, 86_400, 5, 1]))) == 4)
        let withNulls = ColumnVector(.int64, .int64([5, 0, 7, 0]), validity: Bitmap([true, false, true, false]))
        #expect(width(withNulls) == 1)
        #expect(CompactColumn(withNulls).nullCount == 2)
    }

    @Test func inListsOfConstantsAgreeWithValueLookups() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, Gen.int(in: 0...40).array(of: 1...12)) { raw, picks in
            for t in Self.types.indices where [DataType.int64, .int32, .text].contains(Self.types[t].0) {
                let c = Self.column(raw, t)
                let constants = Set(picks.map { Self.types[t].1(Int64($0)) }.map(PhysicalExpr.normalizeKey))
                for negated in [false, true] {
                    let fast = StringKernels.inList(c, constants, negated: negated)
                    let expected: [ScalarValue] = (0..<c.count).map { i in
                        c.isNull(i) ? .null : .boolean(constants.contains(PhysicalExpr.normalizeKey(c.value(i))) != negated)
                    }
                    #expect(fast.map(Self.rows) == expected)
                }
            }
        }
    }

    @Test func comparisonsWithAConstantAgreeWithScalarOps() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, Gen.int64()) { raw, pick in
            for t in Self.types.indices {
                let (type, make) = Self.types[t]
                let c = Self.column(raw, t)
                // A constant that is often one of the column's values.
                let constant = make(raw.compactMap { $0 }.first.map { pick % 2 == 0 ? $0 : pick } ?? pick)
                let schema = Schema([Field(name: "c", dataType: type)])
                let batch = RecordBatch(schema: schema, columns: [c])
                let context = PhysicalPlanner.makeContext()
                for op in [BinaryOperator.eq, .notEq, .lt, .ltEq, .gt, .gtEq] {
                    for constantFirst in [false, true] {
                        let column = Expr.column(Column(name: "c")), literal = Expr.literal(constant)
                        let e = constantFirst ? Expr.binary(literal, op, column) : .binary(column, op, literal)
                        guard let compiled = try? PhysicalExpr.compile(e, schema: schema, context: context) else {
                            Issue.record("compile \(e)"); return
                        }
                        let expected = (0..<c.count).map { i in
                            try? (constantFirst ? ScalarOps.binary(op, constant, c.value(i), resultType: .boolean)
                                                : ScalarOps.binary(op, c.value(i), constant, resultType: .boolean))
                        }
                        let actual = (try? compiled.evaluate(batch)).map(Self.rows)
                        #expect(actual == expected.compactMap { $0 } && !expected.contains(nil), "\(e)")
                    }
                }
            }
        }
    }

    @Test func andOrOverBooleanColumnsFollowThreeValuedLogic() async {
        await propertyCheck(count: 200, input: KernelPropertyTests.raw, KernelPropertyTests.raw) { a, b in
            let n = min(a.count, b.count)
            let l = KernelPropertyTests.column(Array(a.prefix(n)), .boolean) { .boolean($0 % 2 == 0) }
            let r = KernelPropertyTests.column(Array(b.prefix(n)), .int64) { .int64($0 % 5) }
            let schema = Schema([Field(name: "l", dataType: .boolean), Field(name: "r", dataType: .int64)])
            let batch = RecordBatch(schema: schema, columns: [l, r])
            let context = PhysicalPlanner.makeContext()
            // The right side a comparison (cannot fail: evaluated on every row) and one
            // with a division (evaluated only on the rows the left side leaves open).
            let rights: [Expr] = [.binary(.column(Column(name: "r")), .gt, .literal(.int64(1))),
                                  .binary(.binary(.literal(.int64(10)), .divide, .column(Column(name: "r"))), .gt, .literal(.int64(3)))]
            for op in [LogicalOperator.and, .or] {
                for right in rights {
                    guard let e = try? PhysicalExpr.compile(.logical(op, [.column(Column(name: "l")), right]), schema: schema, context: context),
                          let rp = try? PhysicalExpr.compile(right, schema: schema, context: context) else {
                        Issue.record("compile"); return
                    }
                    var expected: [ScalarValue]? = []
                    for i in 0..<n {
                        let x = l.value(i)
                        if case .boolean(let v) = x, v == (op == .or) { expected?.append(x); continue }
                        guard let y = try? rp.evaluate(batch.slice(i..<(i + 1))).value(0),
                              case let v = ScalarOps.logical(op, [x, y]) else { expected = nil; break }
                        expected?.append(v)
                    }
                    let actual = try? e.evaluate(batch)
                    #expect(actual.map(Self.rows) == expected, "\(op) \(right)")
                }
            }
        }
    }

    @Test func equalKeysGetOneGroupAndDifferentKeysDifferentGroups() async {
        await propertyCheck(count: 150, input: KernelPropertyTests.raw, KernelPropertyTests.raw) { a, b in
            let n = min(a.count, b.count)
            for t in Self.types.indices {
                let k1 = Self.column(Array(a.prefix(n)), t), k2 = Self.column(Array(b.prefix(n)), Self.types.count - 1)
                for keys in [[k1], [k1, k2], [k2, k1, k2, k1, k1]] {
                    var encoder = GroupKeyEncoder(types: keys.map(\.dataType))
                    let ids = encoder.assign(keys, rowCount: n)
                    for r in 0..<n {
                        for s in 0..<n {
                            let same = keys.allSatisfy { $0.value(r) == $0.value(s) }
                            #expect(same == (ids[r] == ids[s]))
                        }
                    }
                    // Each group's key is the key of the first row that has it.
                    let columns = encoder.keyColumns
                    for r in 0..<n { #expect(columns.map { $0.value(ids[r]) } == keys.map { $0.value(r) }) }
                }
            }
        }
    }

    @Test func pairsPackedInOneCodeKeepTheirGroupsWhenABatchCannotBePacked() {
        var encoder = GroupKeyEncoder(types: [.int64, .text])
        let first = encoder.assign([ColumnVector(.int64, .int64([1, 2, 1, 3])), ColumnVector(.text, .string(StringArray(["a", "b", "a", "long string"])))], rowCount: 4)
        #expect(first == [0, 1, 0, 2])
        // A NULL and a value beyond 32 bits: no longer packable.
        var b = ColumnBuilder(.int64)
        for v: ScalarValue in [.int64(2), .null, .int64(Int64.max), .int64(3), .int64(1)] { b.append(v) }
        let second = encoder.assign([b.finish(), ColumnVector(.text, .string(StringArray(["b", "a", "a", "long string", "a"])))], rowCount: 5)
        #expect(second == [1, 3, 4, 2, 0])
        #expect(encoder.groupCount == 5)
    }

    /// count, sum, min, max, avg, approx_distinct and the ordered-set aggregates of an
    /// integer and a decimal argument, grouped by a small integer key.
    static func plan(_ argType: DataType) throws -> AggregationPlan {
        let schema = Schema([Field(name: "g", dataType: .int64), Field(name: "x", dataType: argType)])
        let context = PhysicalPlanner.makeContext()
        let g = try PhysicalExpr.compile(.column(Column(name: "g")), schema: schema, context: context)
        let x = try PhysicalExpr.compile(.column(Column(name: "x")), schema: schema, context: context)
        let functions: [AggregateFunction] = [.count, .sum, .min, .max, .avg, .approxDistinct]
        var calls = functions.map { AggregateCall($0, [.column(Column(name: "x"))]) }
        let within = [SortExpr(.column(Column(name: "x")), ascending: false)]
        calls += [AggregateCall(.percentileCont, [.literal(.float64(0.3))], orderBy: within),
                  AggregateCall(.percentileDisc, [.literal(.float64(0.7))], orderBy: within),
                  AggregateCall(.mode, [], orderBy: within)]
        let factories = try calls.map { call in
            AccumulatorFactory(function: call.function, inputType: argType,
                               resultType: try Expr.aggregate(call).dataType(in: schema), distinct: false,
                               order: call.effectiveOrder.map { AggregateOrderKey(ascending: $0.ascending, nullsFirst: $0.nullsFirst) },
                               constant: call.constantArgument ?? .null)
        }
        return AggregationPlan(groupExprs: [g], argExprs: calls.map { _ in x }, filterExprs: calls.map { _ in nil }, orderExprs: calls.map { _ in [] },
                               factories: factories, calls: calls, operatorName: "test", expectedGroups: 0)
    }

    @Test func tablesMergedFromMorselsGiveTheResultsOfOneTable() async throws {
        await propertyCheck(count: 120, input: KernelPropertyTests.raw, Gen.int(in: 1...6)) { raw, parts in
            for argType in [DataType.int64, .decimal(precision: 15, scale: 2)] {
                guard let plan = try? Self.plan(argType) else { Issue.record("no plan"); return }
                let make = KernelPropertyTests.types.first { $0.0 == argType }?.1 ?? { .int64($0) }
                let schema = Schema([Field(name: "g", dataType: .int64), Field(name: "x", dataType: argType)])
                let keys = KernelPropertyTests.column(raw.map { $0.map { $0 % 5 } }, .int64) { .int64($0) }
                let args = KernelPropertyTests.column(raw.map { $0.map { $0 % 1_000_000 } }, argType, make)
                let batch = RecordBatch(schema: schema, columns: [keys, args])
                let all = plan.makeTable()
                try? all.add(batch, morsel: 0) { try $0.evaluate(batch) }
                // The same rows cut into morsels, taken by `parts` workers in turn.
                let size = max(1, batch.rowCount / parts)
                let morsels = stride(from: 0, to: batch.rowCount, by: size).map { batch.slice($0..<min(batch.rowCount, $0 + size)) }
                let tables = (0..<min(parts, morsels.count)).map { _ in plan.makeTable() }
                for (i, m) in morsels.enumerated() { try? tables[i % tables.count].add(m, morsel: i) { try $0.evaluate(m) } }
                guard let (merged, order) = try? AggregationTable.merged(tables.isEmpty ? [plan.makeTable()] : tables, schema: schema) else {
                    Issue.record("merge failed"); return
                }
                let expectedOrder = Array(0..<all.encoder.groupCount)
                #expect(merged.encoder.keyColumns.map { Self.rows($0.gather(order)) } == all.encoder.keyColumns.map(Self.rows))
                for (k, acc) in all.accumulators.enumerated() {
                    let type = plan.factories[k].resultType
                    let one = try? acc.column(expectedOrder, as: type), other = try? merged.accumulators[k].column(order, as: type)
                    #expect(one.map(Self.rows) == other.map(Self.rows), "\(plan.factories[k].function) of \(argType)")
                    // The typed result column is what finishing group by group gives.
                    let finished = expectedOrder.map { g in (try? acc.finish(g)).flatMap { try? ScalarOps.cast($0, to: type) } }
                    #expect(one.map(Self.rows) == finished.compactMap { $0 }, "\(plan.factories[k].function)")
                }
            }
        }
    }
}

/// A join's build side split into partitions filled by several workers finds the same
/// rows, in the same order, as one table.
@Suite struct JoinHashTableTests {
    @Test func partitionedBuildsProbeLikeOneTable() {
        var rng = SystemRandomNumberGenerator()
        let n = 250_000
        let keys = (0..<n).map { _ in Int64.random(in: 0..<60_000, using: &rng) }
        let validity = Bitmap((0..<n).map { $0 % 97 != 0 })
        let single = ColumnVector(.int64, .int64(keys), validity: validity)
        let pairA = ColumnVector(.int64, .int64(keys.map { $0 % 300 }), validity: validity)
        let pairB = ColumnVector(.int32, .int32(keys.map { Int32($0 / 300) }))
        let probeKeys = (0..<5_000).map { _ in Int64.random(in: -10..<60_010, using: &rng) }
        let probeSingle = [ColumnVector(.int64, .int64(probeKeys))]
        let probePair = [ColumnVector(.int64, .int64(probeKeys.map { $0 % 300 })), ColumnVector(.int32, .int32(probeKeys.map { Int32($0 / 300) }))]
        let packableA = ColumnVector(.int64, .int64(keys.map { $0 % 300 }))
        // Decimal keys hash by their unscaled values; probe values beyond 64 bits match nothing.
        let money = DataType.decimal(precision: 38, scale: 2)
        let decimalBuild = [ColumnVector(money, .decimal(keys.map { Int128($0) * 7 }), validity: validity)]
        let decimalProbe = [ColumnVector(money, .decimal(probeKeys.enumerated().map { $0.offset % 50 == 0 ? Int128(Int64.max) * 4 : Int128($0.element) * 7 }))]
        for (build, probe) in [([single], probeSingle), ([pairA, pairB], probePair), ([packableA, pairB], probePair),
                               (decimalBuild, decimalProbe), ([decimalBuild[0], pairB], [decimalProbe[0], probePair[1]])] {
            var results: [[Int]] = []
            for workers in [1, 2, 4] {
                let table = JoinHashTable(keys: build, rowCount: n, workers: workers)
                var li: [Int] = [], ri: [Int] = []
                var nullKey = [Bool](repeating: false, count: probeKeys.count)
                table.probe(probe, rowCount: probeKeys.count, li: &li, ri: &ri, nullKey: &nullKey)
                #expect(table.hasNullKey == (build[0].nullCount > 0))
                results.append(li + [-1] + ri)
            }
            #expect(results[0].count > 10_000)
            #expect(results[1] == results[0] && results[2] == results[0])
            // Every pair matches, and each probe row's build rows come in ascending order.
            let half = results[0].firstIndex(of: -1) ?? 0
            let li = Array(results[0][..<half]), ri = Array(results[0][(half + 1)...])
            for k in li.indices {
                #expect(build.allSatisfy { !$0.isNull(ri[k]) } && zip(build, probe).allSatisfy { $0.value(ri[k]) == $1.value(li[k]) })
                if k > 0, li[k] == li[k - 1] { #expect(ri[k] > ri[k - 1]) }
            }
        }
    }
}
