import PlanCore
import PlanExec
import PlanProviders

/// The bundled demo: a small TPC-H-shaped database generated deterministically in
/// memory (region, nation, supplier, customer, part, partsupp, orders, lineitem), so
/// the TPC-H queries run on it with no files and no network.
public enum DemoWorkspace {
    /// Row counts of the generated tables.
    public static let sizes = (supplier: 10, customer: 150, part: 200, orders: 1500)

    /// The demo tables' names, in the order they are made.
    public static let tableNames = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]

    /// Said after "table 'lineitem' not found" when a demo table's name is not there:
    /// scripts and subcommands start without them.
    public static let hint = "the demo tables load with --demo"

    /// Registers the demo tables in `session`'s catalog.
    public static func load(into session: Session) {
        var rng = SplitMix(seed: 20_261_125)
        for (name, schema, rows) in tables(&rng) {
            session.catalog.register(table: name, MemoryTable(schema: schema, batches: chunks(rows, schema)))
        }
    }

    static func chunks(_ rows: [[ScalarValue]], _ schema: Schema) -> [RecordBatch] {
        stride(from: 0, to: rows.count, by: RecordBatch.targetSize).map {
            RecordBatch.from(rows: Array(rows[$0..<min(rows.count, $0 + RecordBatch.targetSize)]), schema: schema)
        }
    }

    static let regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"]
    static let nations: [(String, Int)] = [
        ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0),
        ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2),
        ("JORDAN", 4), ("KENYA", 0), ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
        ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
    ]
    static let segments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"]
    static let priorities = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"]
    static let colors = ["almond", "azure", "blush", "chocolate", "forest", "green", "khaki", "lime", "navy", "peach", "rose", "tan"]
    static let types = ["ECONOMY ANODIZED STEEL", "LARGE BRUSHED BRASS", "MEDIUM POLISHED COPPER", "PROMO BURNISHED NICKEL",
                        "SMALL PLATED TIN", "STANDARD BRUSHED BRASS", "PROMO PLATED STEEL"]
    static let containers = ["SM CASE", "SM BOX", "MED BAG", "MED BOX", "LG CASE", "LG PACK", "JUMBO JAR", "WRAP PKG"]
    static let modes = ["AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"]
    static let instructions = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"]

    static func f(_ name: String, _ type: DataType) -> Field { Field(name: name, dataType: type, nullable: false) }
    static func money(_ cents: Int) -> ScalarValue { .decimal(Int128(cents), precision: 15, scale: 2) }
    static let dec = DataType.decimal(precision: 15, scale: 2)

    static func tables(_ rng: inout SplitMix) -> [(String, Schema, [[ScalarValue]])] {
        var out: [(String, Schema, [[ScalarValue]])] = []
        out.append(("region", Schema([f("r_regionkey", .int32), f("r_name", .char(length: 25)), f("r_comment", .varchar(length: 152))]),
                    regions.enumerated().map { [.int32(Int32($0)), .string($1), .string("region \($1.lowercased())")] }))
        out.append(("nation", Schema([f("n_nationkey", .int32), f("n_name", .char(length: 25)), f("n_regionkey", .int32), f("n_comment", .varchar(length: 152))]),
                    nations.enumerated().map { [.int32(Int32($0)), .string($1.0), .int32(Int32($1.1)), .string("nation \($1.0.lowercased())")] }))
        let s = sizes
        out.append(("supplier", Schema([f("s_suppkey", .int32), f("s_name", .char(length: 25)), f("s_address", .varchar(length: 40)),
                                        f("s_nationkey", .int32), f("s_phone", .char(length: 15)), f("s_acctbal", dec), f("s_comment", .varchar(length: 101))]),
                    (1...s.supplier).map { k in
                        let n = rng.int(0..<25)
                        let comment = k % 7 == 3 ? "wary Customer accounts Complaints" : "quick deposits"
                        return [.int32(Int32(k)), .string("Supplier#\(pad(k, 9))"), .string("addr \(k)"), .int32(Int32(n)),
                                .string("\(10 + n)-555-\(pad(k, 4))"), money(rng.int(-99_999..<999_999)), .string(comment)]
                    }))
        out.append(("customer", Schema([f("c_custkey", .int32), f("c_name", .varchar(length: 25)), f("c_address", .varchar(length: 40)),
                                        f("c_nationkey", .int32), f("c_phone", .char(length: 15)), f("c_acctbal", dec),
                                        f("c_mktsegment", .char(length: 10)), f("c_comment", .varchar(length: 117))]),
                    (1...s.customer).map { k in
                        let n = rng.int(0..<25)
                        return [.int32(Int32(k)), .string("Customer#\(pad(k, 9))"), .string("street \(k)"), .int32(Int32(n)),
                                .string("\(10 + n)-\(100 + rng.int(0..<900))-\(pad(k, 4))"), money(rng.int(-99_999..<999_999)),
                                .string(segments[rng.int(0..<5)]), .string(k % 9 == 0 ? "special requests" : "regular accounts")]
                    }))
        var retail: [Int] = [0]
        out.append(("part", Schema([f("p_partkey", .int32), f("p_name", .varchar(length: 55)), f("p_mfgr", .char(length: 25)),
                                    f("p_brand", .char(length: 10)), f("p_type", .varchar(length: 25)), f("p_size", .int32),
                                    f("p_container", .char(length: 10)), f("p_retailprice", dec), f("p_comment", .varchar(length: 23))]),
                    (1...s.part).map { k in
                        let m = rng.int(1..<6)
                        let price = 90_000 + (k / 10) % 20_001 + 100 * (k % 1000)
                        retail.append(price)
                        let name = (0..<3).map { _ in colors[rng.int(0..<colors.count)] }.joined(separator: " ")
                        return [.int32(Int32(k)), .string(name), .string("Manufacturer#\(m)"), .string("Brand#\(m)\(rng.int(1..<6))"),
                                .string(types[rng.int(0..<types.count)]), .int32(Int32(rng.int(1..<51))),
                                .string(containers[rng.int(0..<containers.count)]), money(price), .string("part \(k)")]
                    }))
        var partsupp: [[ScalarValue]] = []
        for p in 1...s.part {
            for i in 0..<4 {
                let supp = (p + i * (s.supplier / 4 + 1)) % s.supplier + 1
                partsupp.append([.int32(Int32(p)), .int32(Int32(supp)), .int32(Int32(rng.int(1..<10_000))),
                                 money(rng.int(100..<100_000)), .string("ps \(p)-\(supp)")])
            }
        }
        out.append(("partsupp", Schema([f("ps_partkey", .int32), f("ps_suppkey", .int32), f("ps_availqty", .int32),
                                        f("ps_supplycost", dec), f("ps_comment", .varchar(length: 199))]), partsupp))
        let start = CivilDate.days(year: 1992, month: 1, day: 1)
        let end = CivilDate.days(year: 1998, month: 8, day: 2)
        let cutoff = CivilDate.days(year: 1995, month: 6, day: 17)
        var orders: [[ScalarValue]] = []
        var lines: [[ScalarValue]] = []
        for o in 1...s.orders {
            let key = o * 4 - 3
            let cust = (rng.int(1...s.customer) / 3) * 3 + 1
            let orderDate = rng.int(start..<(end - 151))
            var total = 0
            var statuses: Set<String> = []
            for line in 1...rng.int(1...7) {
                let part = rng.int(1...s.part)
                let supp = (part + rng.int(0..<4) * (s.supplier / 4 + 1)) % s.supplier + 1
                let qty = rng.int(1...50)
                let price = qty * retail[part]
                let discount = rng.int(0...10), tax = rng.int(0...8)
                let ship = orderDate + rng.int(1...121), commit = orderDate + rng.int(30...90), receipt = ship + rng.int(1...30)
                let returnFlag = receipt <= cutoff ? (rng.int(0..<2) == 0 ? "R" : "A") : "N"
                let status = ship > cutoff ? "O" : "F"
                statuses.insert(status)
                total += price * (100 - discount) * (100 + tax) / 10_000
                lines.append([.int32(Int32(key)), .int32(Int32(part)), .int32(Int32(supp)), .int32(Int32(line)),
                              .decimal(Int128(qty * 100), precision: 15, scale: 2), money(price),
                              .decimal(Int128(discount), precision: 15, scale: 2), .decimal(Int128(tax), precision: 15, scale: 2),
                              .string(returnFlag), .string(status), .date(Int32(ship)), .date(Int32(commit)), .date(Int32(receipt)),
                              .string(instructions[rng.int(0..<4)]), .string(modes[rng.int(0..<modes.count)]), .string("line \(line)")])
            }
            let status = statuses.count == 1 ? (statuses.first ?? "P") : "P"
            orders.append([.int32(Int32(key)), .int32(Int32(cust)), .string(status), money(total), .date(Int32(orderDate)),
                           .string(priorities[rng.int(0..<5)]), .string("Clerk#\(pad(rng.int(1...1000), 9))"), .int32(0),
                           .string(o % 13 == 0 ? "special packages requests" : "carefully final deposits")])
        }
        out.append(("orders", Schema([f("o_orderkey", .int32), f("o_custkey", .int32), f("o_orderstatus", .char(length: 1)),
                                      f("o_totalprice", dec), f("o_orderdate", .date), f("o_orderpriority", .char(length: 15)),
                                      f("o_clerk", .char(length: 15)), f("o_shippriority", .int32), f("o_comment", .varchar(length: 79))]), orders))
        out.append(("lineitem", Schema([f("l_orderkey", .int32), f("l_partkey", .int32), f("l_suppkey", .int32), f("l_linenumber", .int32),
                                        f("l_quantity", dec), f("l_extendedprice", dec), f("l_discount", dec), f("l_tax", dec),
                                        f("l_returnflag", .char(length: 1)), f("l_linestatus", .char(length: 1)), f("l_shipdate", .date),
                                        f("l_commitdate", .date), f("l_receiptdate", .date), f("l_shipinstruct", .char(length: 25)),
                                        f("l_shipmode", .char(length: 10)), f("l_comment", .varchar(length: 44))]), lines))
        return out
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// A small deterministic PRNG (SplitMix64), so the demo is the same on every machine.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: Range<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
}
