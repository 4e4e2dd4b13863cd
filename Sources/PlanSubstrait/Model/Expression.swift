/// A Substrait expression (`substrait.Expression`): exactly one of its kinds.
public indirect enum Expression: Codable, Hashable, Sendable {
    case literal(Literal)
    case selection(FieldReference)
    case scalarFunction(ScalarFunctionCall)
    case ifThen(IfThen)
    case switchExpression(SwitchExpression)
    case singularOrList(SingularOrList)
    case cast(Cast)
    case subquery(SubqueryExpression)
    case nested(Nested)
    case windowFunction(WindowFunctionExpression)

    enum Key: String, CodingKey {
        case literal, selection, scalarFunction, ifThen, switchExpression, singularOrList, cast, subquery, nested, windowFunction
    }

    public init(from decoder: any Decoder) throws {
        let (c, key) = try AnyKey.oneof(decoder, noun: "expression")
        guard let kind = Key(rawValue: key.stringValue) else { throw AnyKey.unsupported(decoder, key, noun: "expression") }
        switch kind {
        case .literal: self = .literal(try c.decode(Literal.self, forKey: key))
        case .selection: self = .selection(try c.decode(FieldReference.self, forKey: key))
        case .scalarFunction: self = .scalarFunction(try c.decode(ScalarFunctionCall.self, forKey: key))
        case .ifThen: self = .ifThen(try c.decode(IfThen.self, forKey: key))
        case .switchExpression: self = .switchExpression(try c.decode(SwitchExpression.self, forKey: key))
        case .singularOrList: self = .singularOrList(try c.decode(SingularOrList.self, forKey: key))
        case .cast: self = .cast(try c.decode(Cast.self, forKey: key))
        case .subquery: self = .subquery(try c.decode(SubqueryExpression.self, forKey: key))
        case .nested: self = .nested(try c.decode(Nested.self, forKey: key))
        case .windowFunction: self = .windowFunction(try c.decode(WindowFunctionExpression.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .literal(let e): try c.encode(e, forKey: .literal)
        case .selection(let e): try c.encode(e, forKey: .selection)
        case .scalarFunction(let e): try c.encode(e, forKey: .scalarFunction)
        case .ifThen(let e): try c.encode(e, forKey: .ifThen)
        case .switchExpression(let e): try c.encode(e, forKey: .switchExpression)
        case .singularOrList(let e): try c.encode(e, forKey: .singularOrList)
        case .cast(let e): try c.encode(e, forKey: .cast)
        case .subquery(let e): try c.encode(e, forKey: .subquery)
        case .nested(let e): try c.encode(e, forKey: .nested)
        case .windowFunction(let e): try c.encode(e, forKey: .windowFunction)
        }
    }
}

/// A field of the input (`directReference.structField`, from the root or `stepsOut`
/// subqueries out).
public struct FieldReference: Codable, Hashable, Sendable {
    public struct StructField: Codable, Hashable, Sendable {
        public var field: Int?
        /// A nested reference; planscope has no nested types, so one is refused.
        public var child: ProtoAnyString?
    }
    public struct Segment: Codable, Hashable, Sendable {
        public var structField: StructField?
    }
    public struct OuterReference: Codable, Hashable, Sendable {
        public var stepsOut: Int?
    }
    public var directReference: Segment?
    public var rootReference: ProtoEmpty?
    public var outerReference: OuterReference?

    public static func field(_ i: Int) -> FieldReference {
        FieldReference(directReference: Segment(structField: StructField(field: i)), rootReference: ProtoEmpty())
    }

    public static func outer(_ i: Int, stepsOut: Int) -> FieldReference {
        FieldReference(directReference: Segment(structField: StructField(field: i)), outerReference: OuterReference(stepsOut: stepsOut))
    }
}

public struct FunctionArgument: Codable, Hashable, Sendable {
    public var value: Expression?
    public var `enum`: String?
    public var type: SubstraitType?
}

public struct ScalarFunctionCall: Codable, Hashable, Sendable {
    public var functionReference: Int?
    public var arguments: [FunctionArgument]?
    public var outputType: SubstraitType?
}

public struct AggregateFunction: Codable, Hashable, Sendable {
    public var functionReference: Int?
    public var arguments: [FunctionArgument]?
    public var outputType: SubstraitType?
    public var phase: String?
    public var invocation: String?
    public var sorts: [SortField]?
}

public struct IfThen: Codable, Hashable, Sendable {
    public struct Clause: Codable, Hashable, Sendable {
        public var `if`: Expression
        public var then: Expression
    }
    public var ifs: [Clause]?
    public var `else`: Expression?
}

public struct SwitchExpression: Codable, Hashable, Sendable {
    public struct Clause: Codable, Hashable, Sendable {
        public var `if`: Literal
        public var then: Expression
    }
    public var match: Expression
    public var ifs: [Clause]?
    public var `else`: Expression?
}

public struct SingularOrList: Codable, Hashable, Sendable {
    public var value: Expression
    public var options: [Expression]?
}

public struct Cast: Codable, Hashable, Sendable {
    public var type: SubstraitType
    public var input: Expression
    public var failureBehavior: String?
}

public struct SubqueryExpression: Codable, Hashable, Sendable {
    public struct Scalar: Codable, Hashable, Sendable { public var input: Rel }
    public struct InPredicate: Codable, Hashable, Sendable {
        public var needles: [Expression]?
        public var haystack: Rel
    }
    public struct SetPredicate: Codable, Hashable, Sendable {
        public var predicateOp: String?
        public var tuples: Rel
    }
    public var scalar: Scalar?
    public var inPredicate: InPredicate?
    public var setPredicate: SetPredicate?
}

/// A struct of expressions: a virtual table's row.
public struct NestedStruct: Codable, Hashable, Sendable {
    public var fields: [Expression]?
}

public struct Nested: Codable, Hashable, Sendable {
    public var `struct`: NestedStruct?
    public var nullable: Bool?
}
