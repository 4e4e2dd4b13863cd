extension Array {
    /// `Array(unsafeUninitializedCapacity:initializingWith:)`, except that a capacity of 0
    /// gives a plain empty array: making one with capacity 0 writes the count of the
    /// standard library's one shared empty buffer, a data race when morsels on several
    /// threads do it at once (ThreadSanitizer reports it). The one way engine code makes
    /// arrays it fills through a pointer.
    @inlinable
    public static func uninitialized(
        capacity: Int, _ body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void
    ) rethrows -> [Element] {
        guard capacity > 0 else { return [] }
        return try [Element](unsafeUninitializedCapacity: capacity, initializingWith: body)
    }
}
