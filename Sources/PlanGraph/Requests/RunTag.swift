/// Tags every automated refresh's description with the run that submitted it, so ownership of
/// an active job is always decidable (guide section 4: "Tag automated refreshes with a unique
/// pipeline identifier in the description field").
public enum RunTag {
    static let prefix = "[sandbox-refresh run="

    public static func describe(_ description: String, runId: String) -> String {
        "\(description) \(prefix)\(runId)]"
    }

    /// The run id a description carries, if it was written by this tool.
    public static func runId(in description: String?) -> String? {
        guard let description, let start = description.range(of: prefix, options: .backwards) else { return nil }
        let rest = description[start.upperBound...]
        guard let end = rest.firstIndex(of: "]") else { return nil }
        let id = rest[..<end]
        return id.isEmpty ? nil : String(id)
    }

    /// Descriptions that name a CI pipeline run without our tag (the guide's "Pipeline-Run-1234")
    /// still count as automated: they are never "untagged manual" refreshes.
    public static func carriesPipelineIdentifier(_ description: String?) -> Bool {
        guard let description else { return false }
        if runId(in: description) != nil { return true }
        let lowered = description.lowercased()
        return ["pipeline-run-", "pipeline run", "run-id", "run id", "github_run_id", "ci_pipeline_id", "build_buildid"]
            .contains { lowered.contains($0) }
    }
}
