import PlanSupport
import Testing

@Suite struct AllocatorTuningTests {
    /// On Linux glibc takes both thresholds (mallopt found by name and returning 1 for each).
    @Test func glibcTakesBothThresholds() {
        #if canImport(Glibc)
        #expect(AllocatorTuning.applyForQueryProcessing())
        #endif
    }
}
