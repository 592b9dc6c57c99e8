import Foundation

/// Files named on a command line: files as given, directories walked recursively in a stable
/// order. `relative` is the path under the named directory (the file name for a file).
enum FileWalk {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func files(_ paths: [String]) throws -> [String] { try entries(paths).map(\.path) }

    static func entries(_ paths: [String]) throws -> [(path: String, relative: String)] {
        var files: [(String, String)] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Missing(description: "\(path): no such file or directory") }
            guard isDirectory.boolValue else {
                files.append((path, (path as NSString).lastPathComponent))
                continue
            }
            let walker = manager.enumerator(atPath: path)
            var found: [(String, String)] = []
            while let relative = walker?.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var nested: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue { found.append((full, relative)) }
            }
            files += found.sorted { $0.0 < $1.0 }
        }
        return files
    }
}
