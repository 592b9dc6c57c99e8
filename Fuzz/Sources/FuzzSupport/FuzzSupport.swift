import Foundation

/// What every fuzz target shares: replaying corpus files without libFuzzer, and failing a
/// property so that libFuzzer records the input (a trap, like any crash).
public enum Fuzz {
    /// The entry point of a target built without `-sanitize=fuzzer` (`-DFUZZING` unset): runs
    /// `body` on every file named on the command line; a directory means every regular file in
    /// it, sorted by name. Prints one line per argument and exits 0 when no input trapped.
    public static func replay(_ target: String, arguments: [String] = CommandLine.arguments,
                              _ body: (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
        let paths = Array(arguments.dropFirst())
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(target) CORPUS_DIR_OR_FILE...\n".utf8))
            exit(2)
        }
        var total = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("\(target): no such file or directory: \(path)\n".utf8))
                exit(2)
            }
            var files: [String] = [path]
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files = names.sorted().map { path + "/" + $0 }.filter { file in
                    var dir: ObjCBool = false
                    return FileManager.default.fileExists(atPath: file, isDirectory: &dir) && !dir.boolValue
                }
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(target): cannot read \(file)\n".utf8))
                    exit(2)
                }
                run(Array(data), body)
            }
            total += files.count
            print("\(target): replayed \(files.count) input(s) from \(path)")
        }
        print("\(target): \(total) input(s), no failure")
        exit(0)
    }

    /// Calls a fuzz function the way libFuzzer does (a valid pointer even for no bytes).
    public static func run(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> CInt) {
        var copy = bytes
        copy.append(0)
        _ = copy.withUnsafeBufferPointer { body($0.baseAddress!, bytes.count) }
    }

    /// The bytes libFuzzer handed over, as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A broken property: prints what broke and traps, so libFuzzer saves the input as a crash.
    public static func fail(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fatalError("fuzz property violated: \(message())", file: file, line: line)
    }

    public static func check(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        if !condition { fail(message(), file: file, line: line) }
    }
}

#if FUZZING
/// libFuzzer's driver (compiler-rt's FuzzerDriver.cpp). SwiftPM links an executable target's
/// entry point as `<Target>_main` (`--defsym main=<Target>_main`), so each target defines that
/// symbol and hands control to libFuzzer here instead of using libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

extension Fuzz {
    public static func runDriver(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector, callback)
    }
}
#endif

/// Line breaks as libyaml counts them (`\n`, `\r`, `\r\n`, NEL, LS, PS).
public enum TextShape {
    public static func lineBreaks(_ bytes: [UInt8]) -> (count: Int, endsWithBreak: Bool) {
        var count = 0
        var endsWithBreak = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            endsWithBreak = true
            if b == 0x0A { count += 1 }
            else if b == 0x0D { count += 1; if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 } }
            else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 { count += 1; i += 1 }
            else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { count += 1; i += 2 }
            else { endsWithBreak = false }
            i += 1
        }
        return (count, endsWithBreak)
    }

    /// The largest 1-based line a mark in `bytes` may have: one per line break, plus the line
    /// libyaml adds at the end of a stream whose last line is not terminated.
    public static func maxMarkLine(_ bytes: [UInt8]) -> Int {
        let breaks = lineBreaks(bytes)
        return breaks.count + 1 + (bytes.isEmpty || breaks.endsWithBreak ? 0 : 1)
    }
}
