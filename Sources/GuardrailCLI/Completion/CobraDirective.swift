/// The directive a completion answer ends with (`:N` on the last line), as cobra defines it in
/// `completions.go` (`ShellCompDirective`). kubectl (1.26+) reads it from a plugin's
/// `kubectl_complete-<name>` executable and hands it to the shell script cobra generated for kubectl.
struct CobraDirective: OptionSet, Sendable, Hashable {
    let rawValue: Int

    /// Something went wrong: the shell should offer nothing (`ShellCompDirectiveError`).
    static let error = CobraDirective(rawValue: 1)
    /// Do not add a space after the completion (`ShellCompDirectiveNoSpace`), e.g. after `--flag=`.
    static let noSpace = CobraDirective(rawValue: 2)
    /// Do not fall back to file names when there are no candidates (`ShellCompDirectiveNoFileComp`).
    static let noFileComp = CobraDirective(rawValue: 4)
    /// The candidates are file extensions to filter file names by (`ShellCompDirectiveFilterFileExt`).
    static let filterFileExt = CobraDirective(rawValue: 8)
    /// Complete directory names only (`ShellCompDirectiveFilterDirs`).
    static let filterDirs = CobraDirective(rawValue: 16)
    /// Keep the candidates in the order given instead of sorting them (`ShellCompDirectiveKeepOrder`).
    static let keepOrder = CobraDirective(rawValue: 32)

    /// `ShellCompDirectiveDefault`: the shell may add a space and may fall back to file names.
    static let `default`: CobraDirective = []
}
