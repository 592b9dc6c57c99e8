import Foundation
import RefreshPlan

/// Plan file arguments as `validate` and `apply` take them: files as given, a directory as its
/// `*.yaml`/`*.yml` files (sorted, not recursive), each file once however it was named.
enum PlanFiles {
    struct Empty: Error, CustomStringConvertible { var description: String }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func expand(_ arguments: [String]) throws -> [String] {
        var paths: [String] = []
        for argument in arguments {
            guard isDirectory(argument) else { paths.append(argument); continue }
            let names = try FileManager.default.contentsOfDirectory(atPath: argument)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            guard !names.isEmpty else { throw Empty(description: "\(PrintableText.escaped(argument)) holds no plans (*.yaml, *.yml)") }
            paths += names.map { argument.hasSuffix("/") ? argument + $0 : argument + "/" + $0 }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }
}
