import Foundation
import RefreshPlan

/// Plan file arguments as `validate` and `apply` take them: files as given, a directory as its
/// `*.yaml`/`*.yml` files (sorted, not recursive), each file once however it was named.
public enum PlanFiles {
    public struct Empty: Error, CustomStringConvertible { public var description: String }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Files as given, directories as their `*.yaml`/`*.yml` files in name order; a file named
    /// twice (`a.yaml ./a.yaml`, or listed and in a directory given) is checked once.
    public static func expand(_ arguments: [String]) throws -> [String] {
        let workingDirectory = FileManager.default.currentDirectoryPath
        var paths: [String] = []
        var seen = Set<String>()
        for argument in arguments {
            guard isDirectory(argument) else {
                if seen.insert(identity(argument, in: workingDirectory)).inserted { paths.append(argument) }
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: argument)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            guard !names.isEmpty else { throw Empty(description: "\(PrintableText.escaped(argument)) holds no plans (*.yaml, *.yml)") }
            let directory = identity(argument, in: workingDirectory)
            let prefix = argument.hasSuffix("/") ? argument : argument + "/"
            for name in names where seen.insert(directory + "/" + name).inserted { paths.append(prefix + name) }
        }
        return paths
    }

    /// The absolute path with `.` and `..` resolved lexically, as `URL.standardizedFileURL` has
    /// it, without a `stat` and percent-encoding per file of a fleet.
    public static func identity(_ path: String, in workingDirectory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
