/// A value per set of join inputs (a bit per input), for the join-order search: a flat
/// array indexed by the set while there are at most ``flatLimit`` inputs (a lookup is a
/// load), a dictionary above (only the sets the search meets are stored).
struct InputSetTable<Value> {
    /// Inputs up to this many get a flat array (2^16 slots).
    static var flatLimit: Int { 16 }

    private var flat: [Value?]
    private var sparse: [UInt64: Value] = [:]
    private let isFlat: Bool

    init(inputs: Int) {
        isFlat = inputs <= Self.flatLimit
        flat = isFlat ? [Value?](repeating: nil, count: 1 << inputs) : []
    }

    subscript(set: UInt64) -> Value? {
        @inline(__always) get { isFlat ? flat[Int(truncatingIfNeeded: set)] : sparse[set] }
        @inline(__always) set {
            if isFlat { flat[Int(truncatingIfNeeded: set)] = newValue } else { sparse[set] = newValue }
        }
    }
}
