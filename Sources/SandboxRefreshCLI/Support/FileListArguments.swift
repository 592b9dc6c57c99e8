import ArgumentParser

/// ArgumentParser takes a positional array in quadratic time: each value is removed from the
/// argument list one at a time, and its origin unioned into a growing set. 2,000 plan files
/// named by a shell glob cost more to parse than to validate. A command whose trailing
/// arguments are a file list takes them out of the command line first: ArgumentParser parses
/// the options and the first file, and the command gets the whole list.
struct FileListArguments: Equatable {
    /// Below this many files the command line goes to ArgumentParser as it is.
    static let threshold = 32

    var options: [String]
    var files: [String]

    /// `arguments` are the command's own (after its name). `valueOptions` are its options that
    /// take a value as the next argument. Nil for a command line that is not one to split: few
    /// files, or a request for help, the version or completions.
    static func split(_ arguments: [String], valueOptions: Set<String>) -> FileListArguments? {
        var options: [String] = []
        var files: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                files += arguments[index...]
                break
            }
            guard argument.hasPrefix("-"), argument.count > 1 else {
                files.append(argument)
                continue
            }
            if ["-h", "--help", "--version", "--experimental-dump-help"].contains(argument) || argument.hasPrefix("--generate-completion") {
                return nil
            }
            options.append(argument)
            if valueOptions.contains(argument), index < arguments.count {
                options.append(arguments[index])
                index += 1
            }
        }
        guard files.count >= threshold else { return nil }
        return FileListArguments(options: options, files: files)
    }

    /// What ArgumentParser is given: the options and the first file (after `--`, so that a file
    /// named like an option stays a file).
    var forParser: [String] { options + ["--", files[0]] }
}

extension ValidateCommand {
    /// Options of `validate` that take a value.
    static let valueOptions: Set<String> = ["--format"]

    /// `validate` with a long file list, parsed in linear time; false for any other command line.
    static func runWithFileList(_ arguments: [String]) -> Bool {
        guard arguments.first == configuration.commandName,
              let split = FileListArguments.split(Array(arguments.dropFirst()), valueOptions: valueOptions) else { return false }
        // Parsed through the root command, so that an error reads as it does without the split.
        do {
            guard var command = try SandboxRefreshCommand.parseAsRoot([configuration.commandName!] + split.forParser) as? ValidateCommand else {
                return false
            }
            command.files = split.files
            try command.run()
            return true
        } catch {
            SandboxRefreshCommand.exit(withError: error)
        }
    }
}
