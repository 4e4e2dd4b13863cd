#if canImport(Glibc)
import Glibc
#endif

/// The C allocator set for a query engine's pattern of allocation: column buffers of
/// hundreds of kilobytes to a few megabytes, made and freed for every batch and row group.
/// glibc's defaults return such blocks to the kernel (mmap for each, or trimming the heap)
/// and fault fresh zeroed pages in for the next: at TPC-H SF 0.1 over Parquet that was a
/// quarter of the CPU time, in the kernel (126,000 page faults for four queries; 20,000
/// with these settings, user time unchanged, peak RSS +20 MiB). Blocks up to 32 MiB come
/// from the heap, and up to 128 MiB of freed heap stays with the process.
///
/// A process-wide choice, so the engine library never makes it: the executables
/// (`planscope`, `PlanBench`) call ``applyForQueryProcessing()`` once as they start.
public enum AllocatorTuning {
    public static let mmapThreshold = 32 << 20
    public static let trimThreshold = 128 << 20

    /// Sets the thresholds (glibc; elsewhere nothing). Returns whether both were taken.
    @discardableResult
    public static func applyForQueryProcessing() -> Bool {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out: found by
        // name instead. Its parameters, from the same header: M_TRIM_THRESHOLD −1, M_MMAP_THRESHOLD −3.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        return mallopt(-3, Int32(mmapThreshold)) == 1 && mallopt(-1, Int32(trimThreshold)) == 1
        #else
        return false
        #endif
    }
}
