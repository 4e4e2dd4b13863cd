import PlanCore
import PlanSQL

/// A view's SQL read without binding: lexed once, parsed, and the relations it names
/// taken from the syntax (``RelationReferences``: WITH names in scope are not relations,
/// never a text search). `planscope graph` checks declared dependencies with this;
/// `pipeline run` and `graph --check` bind every view too.
public struct ViewSQL: Sendable {
    /// The tokens as the spec hash counts them (``SpecCanonicalForm/canonical(_:)``).
    public let canonicalTokens: [String]
    /// The relations the query reads, as catalog names (an unquoted name in lower case,
    /// a quoted one as written), each once, in the order first written.
    public let reads: [String]

    /// Reads `sql`, the view at `index` of its spec; a syntax error or anything but one
    /// query is an error at the view's `sql` path.
    public static func read(_ sql: String, index: Int) -> Result<ViewSQL, PipelineSQLError> {
        let tokens: [Token]
        let statements: [ParsedStatement]
        do throws(PlanError) {
            tokens = try Lexer.tokenize(sql)
            statements = try Parser.parse(tokens: tokens, source: sql)
        } catch {
            return .failure(PipelineSQLError(index: index, error.located(at: error.span)))
        }
        guard statements.count == 1, case .query(let query) = statements[0].statement else {
            return .failure(PipelineSQLError(index: index, PlanError(.invalidPlan, statements.count == 1
                ? "a view holds one query (SELECT, WITH or VALUES)" : "a view holds one query, found \(statements.count) statements")))
        }
        var seen = Set<String>()
        let reads = RelationReferences.of(query).map(\.normalized).filter { seen.insert($0).inserted }
        return .success(ViewSQL(canonicalTokens: SpecCanonicalForm.canonical(tokens), reads: reads))
    }

    /// What is wrong between the relations the view reads and those it declares, against
    /// `specNames` (the spec's inputs and views), each at its JSON path — the same
    /// problems the engine reports when it binds the view.
    public func dependencyProblems(_ view: SemanticExecutionSpec.ViewDefinition, index: Int, specNames: Set<String>) -> [SpecError] {
        // The usual case, without sorting or sets: exactly the declared relations read (both
        // lists hold each name once; declared ones are spec names, the validator checked).
        if reads.count == view.viewDependencies.count,
           reads.count <= 16 ? reads.allSatisfy(view.viewDependencies.contains) : Set(reads) == Set(view.viewDependencies) {
            return []
        }
        return ViewSQL.dependencyProblems(reads: reads, view, index: index, specNames: specNames)
    }

    /// What is wrong between `reads` (the relations a view reads, however found: from its
    /// syntax here, from its bound plan when the engine binds it) and what the view
    /// declares, each at its JSON path. The one place these problems are worded.
    public static func dependencyProblems(reads: [String], _ view: SemanticExecutionSpec.ViewDefinition, index: Int,
                                          specNames: Set<String>) -> [SpecError] {
        let path = "view_definitions[\(index)]"
        let declared = Set(view.viewDependencies)
        var out: [SpecError] = []
        for r in reads.sorted() where !specNames.contains(r) {
            out.append(SpecError("\(path).sql", "reads '\(r)', which is neither an input relation nor a view of the spec"))
        }
        for r in reads.sorted() where specNames.contains(r) && !declared.contains(r) {
            out.append(SpecError("\(path).view_dependencies", "the SQL reads '\(r)', which is not declared"))
        }
        let read = Set(reads)
        for d in declared.subtracting(read).sorted() {
            out.append(SpecError("\(path).view_dependencies", "declares '\(d)', which the SQL does not read"))
        }
        return out
    }
}

/// A view whose SQL does not parse, or is not one query: the error at
/// `view_definitions[i].sql`.
public struct PipelineSQLError: Error, Sendable {
    public let index: Int
    public let error: PlanError
    public init(index: Int, _ error: PlanError) {
        self.index = index
        self.error = error
    }
    public var path: String { "view_definitions[\(index)].sql" }
}
