#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Random-access bytes: a file read with `pread` (so two workers can share one descriptor
/// without seeking) or an in-memory buffer (tests, API field values).
public protocol ByteSource: Sendable {
    var size: Int { get }
    /// Copies up to `buffer.count` bytes from `offset`; 0 at the end.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int
    /// The whole source in memory, when it can be read without copying (a mapped file).
    var mapped: UnsafeRawBufferPointer? { get }
    /// Tells the source that `range` of `mapped` will not be read again, so its pages can
    /// leave the process's resident memory.
    func release(_ range: Range<Int>)
}

extension ByteSource {
    public var mapped: UnsafeRawBufferPointer? { nil }
    public func release(_ range: Range<Int>) {}
}

/// A file read with `pread`, and mapped read-only for the scanner's hot path: scanning a
/// mapping saves the copy into a buffer (a tenth of the scan's time), and `release` drops the
/// pages behind the scan from resident memory, so peak RSS stays the same as with reads.
public final class FileByteSource: ByteSource, @unchecked Sendable {
    private let descriptor: Int32
    public let size: Int
    public let mapped: UnsafeRawBufferPointer?
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    public init(path: String) throws(ScanError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ScanError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ScanError.unreadable(path: path, reason: "not a regular file")
        }
        descriptor = fd
        size = Int(info.st_size)
        if size > 0, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED {
            mapped = UnsafeRawBufferPointer(start: address, count: size)
        } else {
            mapped = nil
        }
    }

    deinit {
        if let mapped { munmap(UnsafeMutableRawPointer(mutating: mapped.baseAddress), mapped.count) }
        close(descriptor)
    }

    public func release(_ range: Range<Int>) {
        guard let mapped, let base = mapped.baseAddress else { return }
        // Whole pages only: a page that also holds bytes after the range stays.
        let lower = range.lowerBound / Self.pageSize * Self.pageSize
        let upper = min(range.upperBound, size) / Self.pageSize * Self.pageSize
        guard upper > lower else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + lower), upper - lower, Int32(MADV_DONTNEED))
    }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = pread(descriptor, base, buffer.count, off_t(offset))
            if n < 0, errno == EINTR { continue }
            return max(n, 0)
        }
    }
}

public struct MemoryByteSource: ByteSource {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public var size: Int { bytes.count }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard offset < bytes.count else { return 0 }
        let n = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + n)])) }
        return n
    }
}
