import SandboxRefreshCLI

@main
struct Entry {
    static func main() async {
        MallocTuning.keepFreedMemoryForReuse()
        await SandboxRefreshCommand.main(nil)
    }
}
