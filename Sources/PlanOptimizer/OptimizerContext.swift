/// Settings of one optimizer run.
public struct OptimizerContext: Sendable {
    /// The passes a run makes at most unless told otherwise: the default of the
    /// `optimizer.max_passes` setting, declared with this value.
    public static let defaultMaxPasses = 3
    /// The run stops after this many passes over the rules even without a fixpoint.
    public var maxPasses: Int
    /// A rule that throws or changes the schema is skipped (its input kept) and reported,
    /// instead of failing the run.
    public var skipFailingRules: Bool
    /// Rules that are installed but switched off (by name).
    public var disabledRules: Set<String>
    /// What this `optimize` call remembers between rule applications (made fresh by each
    /// call, whatever the caller passes).
    public internal(set) var memo = OptimizerMemo()

    public init(maxPasses: Int = OptimizerContext.defaultMaxPasses, skipFailingRules: Bool = true, disabledRules: Set<String> = []) {
        self.maxPasses = maxPasses
        self.skipFailingRules = skipFailingRules
        self.disabledRules = disabledRules
    }
}
