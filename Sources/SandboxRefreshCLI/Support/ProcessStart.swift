extension SandboxRefreshCommand {
    /// The process's entry: what must hold before any command runs, then the command line.
    public static func start() async {
        // A reader that goes away is an EPIPE for `Terminal` to handle, never a death by SIGPIPE.
        Terminal.ignoreBrokenPipes()
        MallocTuning.apply()
        if ValidateCommand.runWithFileList(Array(CommandLine.arguments.dropFirst())) { return }
        await main(nil)
    }
}
