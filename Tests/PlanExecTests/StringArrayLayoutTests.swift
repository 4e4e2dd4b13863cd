@testable import PlanExec
import Testing

/// `StringArray`'s raw layout: read through `withUnsafeLayout` only, and checked when
/// made from buffers a reader laid out.
@Suite struct StringArrayLayoutTests {
    @Test func theScopedLayoutGivesEachStringsBytes() {
        let strings = ["", "a", "héllo", "", "xyz"]
        let array = StringArray(strings)
        let read: [String] = array.withUnsafeLayout { layout in
            (0..<layout.count).map { String(decoding: layout.string($0), as: UTF8.self) }
        }
        #expect(read == strings)
        #expect(array.withUnsafeLayout { $0.range(2) } == 1..<7)
    }

    @Test func aLayoutRunsFromZeroUpToTheByteCount() {
        #expect(StringArray.isLayout(offsets: [0], bytes: []))
        #expect(StringArray.isLayout(offsets: [0, 2, 2, 3], bytes: [1, 2, 3]))
        #expect(!StringArray.isLayout(offsets: [], bytes: []))
        #expect(!StringArray.isLayout(offsets: [1, 3], bytes: [1, 2, 3]), "not from 0")
        #expect(!StringArray.isLayout(offsets: [0, 3, 2, 3], bytes: [1, 2, 3]), "decreasing")
        #expect(!StringArray.isLayout(offsets: [0, 2], bytes: [1, 2, 3]), "short of the bytes")
        #expect(!StringArray.isLayout(offsets: [0, 4], bytes: [1, 2, 3]), "past the bytes")
    }

    #if DEBUG
    /// A reader that breaks the promise stops a debug build where it made the array,
    /// not later where a string is read past its buffer.
    @Test func aBrokenLayoutStopsADebugBuildWhereItIsMade() async {
        await #expect(processExitsWith: .failure) {
            _ = StringArray(offsets: [0, 3, 2], bytes: [1, 2])
        }
    }
    #endif
}
