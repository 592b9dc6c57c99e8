import ArgumentParser


public struct SandboxRefreshCommand: AsyncParsableCommand {
    public init() {}
    public func run() async throws {}
}
