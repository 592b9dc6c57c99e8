#if canImport(Glibc)
import Glibc
#endif

/// `validate` over a fleet allocates and frees the same few hundred kilobytes per plan on each
/// worker thread (libyaml's buffers among them). glibc handed that memory back to the kernel
/// after each plan and asked for it again before the next: 1,400 `mprotect` calls for 2,000
/// plans, 8 % of the CPU. Keeping up to 64 MB of freed memory for reuse ends that. Only for
/// `validate`: `simulate` ran 5 % slower with it (larger heaps to fault in on every thread).
/// Called first thing in the process: a thread's arena takes the settings when it is created.
public enum MallocTuning {
    public static func apply(arguments: [String] = CommandLine.arguments) {
        guard arguments.dropFirst().first == "validate" else { return }
        keepFreedMemoryForReuse()
    }

    static func keepFreedMemoryForReuse() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not export.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2  // M_TRIM_THRESHOLD, M_TOP_PAD
        _ = mallopt(trimThreshold, 64 << 20)
        _ = mallopt(topPad, 16 << 20)
        #endif
    }
}
