#if canImport(Glibc)
import Glibc
#endif
import CPrefetch
/// A key a ``FlatHashMap`` can hold: a fixed-width value that hashes itself with a few
/// multiplications (the standard library's `Hasher` seeds and runs SipHash on every
/// call, which was the largest cost of joins and grouping on integer keys).
protocol FlatKey: Equatable {
    /// The key's bits, well mixed.
    var flatHash: UInt64 { get }
    /// The value empty slots hold (any value; slots are told apart by their entry).
    static var placeholder: Self { get }
}

/// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
@inline(__always) func mix64(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x &*= 0xff51_afd7_ed55_8ccd
    x ^= x >> 33
    x &*= 0xc4ce_b9fe_1a85_ec53
    x ^= x >> 33
    return x
}

extension Int64: FlatKey {
    @inline(__always) var flatHash: UInt64 { mix64(UInt64(bitPattern: self)) }
    static var placeholder: Int64 { 0 }
}

extension GroupKeyEncoder.SmallKey: FlatKey {
    @inline(__always) var flatHash: UInt64 {
        var h = mix64(UInt64(bitPattern: a) ^ UInt64(nulls) << 56)
        if b != 0 || c != 0 || d != 0 {
            h = mix64(h ^ UInt64(bitPattern: b))
            h = mix64(h ^ (UInt64(bitPattern: c) &* 0x9e37_79b9_7f4a_7c15) ^ UInt64(bitPattern: d))
        }
        return h
    }
    static var placeholder: GroupKeyEncoder.SmallKey { .init() }
}

/// An open-addressing hash map (linear probing, power-of-two slots, at most half full)
/// from fixed-width keys to non-negative integers: row numbers or group ids. Each slot
/// holds its key and value side by side, so a lookup touches one cache line.
struct FlatHashMap<Key: FlatKey> {
    fileprivate struct Entry {
        var key: Key
        /// -1 marks an empty slot.
        var value: Int
    }
    private var storage: FlatSlots<Entry>
    private var mask: Int
    private(set) var count = 0

    /// A map with room for `capacity` keys before it grows.
    init(capacity: Int = 0) {
        var slots = 16
        while slots < capacity * 2 { slots <<= 1 }
        storage = FlatSlots(count: slots, filledWith: Entry(key: .placeholder, value: -1))
        mask = slots - 1
    }

    /// The slot where `key` is, or the empty slot where it would go.
    @inline(__always) private func slot(of key: Key) -> Int {
        let e = storage.base
        var i = Int(truncatingIfNeeded: key.flatHash) & mask
        while e[i].value >= 0, e[i].key != key { i = (i + 1) & mask }
        return i
    }

    /// The value for `key`, or -1.
    @inline(__always) func value(_ key: Key) -> Int { storage.base[slot(of: key)].value }

    /// Starts loading the slot where a lookup of `key` begins (a loop that looks up many
    /// keys prefetches a few ahead, so their cache misses overlap).
    @inline(__always) func prefetch(_ key: Key) {
        planscope_prefetch(storage.base + (Int(truncatingIfNeeded: key.flatHash) & mask))
    }

    /// The value for `key`; when it has none, stores and returns `value`.
    @inline(__always) mutating func valueInserting(_ key: Key, _ value: Int) -> Int {
        let i = slot(of: key)
        let old = storage.base[i].value
        if old >= 0 { return old }
        claim(i, key, value)
        return value
    }

    /// Stores `value` for `key` and returns the value it had (-1 when none).
    @inline(__always) mutating func exchange(_ key: Key, _ value: Int) -> Int {
        let i = slot(of: key)
        let old = storage.base[i].value
        if old >= 0 {
            unshare()
            storage.base[i].value = value
        } else {
            claim(i, key, value)
        }
        return old
    }

    @inline(__always) private mutating func claim(_ i: Int, _ key: Key, _ value: Int) {
        unshare()
        storage.base[i] = Entry(key: key, value: value)
        count += 1
        if count * 2 > storage.count { grow() }
    }

    /// Copies the slots before a write when another map value shares them.
    @inline(__always) private mutating func unshare() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Room for `keys` keys in all before the map grows again (one rehash at most).
    mutating func reserve(_ keys: Int) {
        var slots = storage.count
        while slots < keys * 2 { slots <<= 1 }
        if slots > storage.count { rehash(slots) }
    }

    private mutating func grow() { rehash(storage.count * 2) }

    private mutating func rehash(_ slots: Int) {
        let old = storage
        storage = FlatSlots(count: slots, filledWith: Entry(key: .placeholder, value: -1))
        mask = slots - 1
        for i in 0..<old.count where old.base[i].value >= 0 { storage.base[slot(of: old.base[i].key)] = old.base[i] }
    }
}

/// The slots of a ``FlatHashMap``: plain values in memory of their own, in 2 MiB pages
/// when large (asked of the kernel with `madvise`), since probes of a large table miss
/// the TLB as much as the cache. Written only by a map that holds the one reference
/// (``FlatHashMap`` copies before writing otherwise), so it is safe to share read-only.
private final class FlatSlots<Entry>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Entry>
    let count: Int

    init(count: Int, filledWith fill: Entry) {
        self.count = count
        let bytes = count * MemoryLayout<Entry>.stride
        let huge = 2 << 20
        var raw: UnsafeMutableRawPointer?
        if bytes >= 2 * huge, posix_memalign(&raw, huge, bytes) == 0, let r = raw {
            _ = madvise(r, bytes, MADV_HUGEPAGE)
        } else {
            raw = malloc(max(1, bytes))
        }
        // Allocation failure here is out of memory, which Swift's own allocations trap on too.
        base = (raw ?? UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes), alignment: 16)).bindMemory(to: Entry.self, capacity: count)
        base.initialize(repeating: fill, count: count)
    }

    private init(copying other: FlatSlots<Entry>) {
        count = other.count
        let bytes = count * MemoryLayout<Entry>.stride
        base = (malloc(max(1, bytes)) ?? UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes), alignment: 16))
            .bindMemory(to: Entry.self, capacity: count)
        base.initialize(from: other.base, count: count)
    }

    func copy() -> FlatSlots<Entry> { FlatSlots(copying: self) }

    deinit {
        base.deinitialize(count: count)
        free(base)
    }
}
