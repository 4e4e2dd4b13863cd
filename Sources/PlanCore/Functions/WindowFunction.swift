/// The functions a window call (`f(…) OVER (…)`) may apply: the ranking and value
/// functions, and every aggregate.
public enum WindowFunction: Hashable, Sendable {
    case rowNumber, rank, denseRank, percentRank, cumeDist, ntile
    case lag, lead, firstValue, lastValue, nthValue
    case aggregate(AggregateFunction)

    /// The window-only functions by their SQL names.
    public static let windowOnly: [String: WindowFunction] = [
        "row_number": .rowNumber, "rank": .rank, "dense_rank": .denseRank, "percent_rank": .percentRank,
        "cume_dist": .cumeDist, "ntile": .ntile, "lag": .lag, "lead": .lead,
        "first_value": .firstValue, "last_value": .lastValue, "nth_value": .nthValue,
    ]

    public init?(sqlName: String) {
        if let f = WindowFunction.windowOnly[sqlName.lowercased()] { self = f; return }
        guard let a = AggregateFunction(sqlName: sqlName) else { return nil }
        self = .aggregate(a)
    }

    public var name: String {
        switch self {
        case .rowNumber: "row_number"
        case .rank: "rank"
        case .denseRank: "dense_rank"
        case .percentRank: "percent_rank"
        case .cumeDist: "cume_dist"
        case .ntile: "ntile"
        case .lag: "lag"
        case .lead: "lead"
        case .firstValue: "first_value"
        case .lastValue: "last_value"
        case .nthValue: "nth_value"
        case .aggregate(let a): a.rawValue
        }
    }

    /// Whether the function reads the rows of a frame (value functions and aggregates);
    /// ranking functions and `lag`/`lead` ignore any frame, as in PostgreSQL.
    public var usesFrame: Bool {
        switch self {
        case .firstValue, .lastValue, .nthValue, .aggregate: true
        default: false
        }
    }

    /// Whether `IGNORE NULLS` applies (DuckDB's extension, on the value functions).
    public var acceptsIgnoreNulls: Bool {
        switch self {
        case .lag, .lead, .firstValue, .lastValue, .nthValue: true
        default: false
        }
    }

    /// The result type for argument types.
    public func returnType(_ args: [DataType]) -> Result<DataType, FunctionSignatureError> {
        func fail(_ what: String) -> Result<DataType, FunctionSignatureError> {
            .failure(FunctionSignatureError(message: "\(name)(\(args.map(\.displayName).joined(separator: ", "))): \(what)"))
        }
        func integer(_ t: DataType) -> Bool { t.isInteger || t == .null }
        switch self {
        case .rowNumber, .rank, .denseRank:
            return args.isEmpty ? .success(.int64) : fail("takes no arguments")
        case .percentRank, .cumeDist:
            return args.isEmpty ? .success(.float64) : fail("takes no arguments")
        case .ntile:
            guard args.count == 1 else { return fail("takes exactly one argument") }
            return integer(args[0]) ? .success(.int64) : fail("expects an integer")
        case .lag, .lead:
            guard (1...3).contains(args.count) else { return fail("takes one to three arguments") }
            if args.count >= 2, !integer(args[1]) { return fail("expects an integer offset") }
            if args.count == 3 {
                guard let common = DataType.commonType(args[0], args[2]) else { return fail("default does not match the value's type") }
                return .success(common)
            }
            return .success(args[0])
        case .firstValue, .lastValue:
            return args.count == 1 ? .success(args[0]) : fail("takes exactly one argument")
        case .nthValue:
            guard args.count == 2 else { return fail("takes exactly two arguments") }
            return integer(args[1]) ? .success(args[0]) : fail("expects an integer position")
        case .aggregate(let a):
            return a.returnType(args)
        }
    }
}
