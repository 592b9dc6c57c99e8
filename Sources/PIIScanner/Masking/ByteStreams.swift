#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sequential reads from a `ByteSource` through a fixed buffer, counting lines and columns
/// for error messages.
struct ByteReader {
    let source: any ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var offset = 0
    private(set) var line = 1
    private(set) var column = 1

    init(_ source: any ByteSource, bufferSize: Int = 1 << 20) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    mutating func peek() -> UInt8? {
        if start == end { refill() }
        return start < end ? buffer[start] : nil
    }

    mutating func next() -> UInt8? {
        guard let byte = peek() else { return nil }
        start += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        return byte
    }

    private mutating func refill() {
        let source = self.source, offset = self.offset
        let n = buffer.withUnsafeMutableBytes { source.read(at: offset, into: $0) }
        start = 0
        end = n
        self.offset += n
    }
}

/// Buffered writes to a file descriptor; errors are kept and reported once at the end.
final class ByteWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var failure: String?
    private(set) var written = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func flush() {
        guard !buffer.isEmpty, failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        var done = 0
        buffer.withUnsafeBytes { raw in
            while done < raw.count {
                let n = writeDescriptor(descriptor, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                done += n
            }
        }
        written += done
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The C `write`, out of reach of `ByteWriter.write` by name.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
