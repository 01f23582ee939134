/// Answers one cobra `__complete` request: the words typed after `kubectl guardrail`, the last one being
/// the (possibly empty) word under the cursor.
///
/// The engine is pure apart from its data source: it decides *what* kind of word is expected (a
/// subcommand, a flag, a flag's value, a `can-i` verb, a resource type, an object name) and asks the data
/// source only for cluster-dependent names, which come from files and caches within a time budget.
struct CompletionEngine: Sendable {
    /// The command tree (from ArgumentParser's ToolInfo).
    var root: CommandNode
    /// kubectl's global flags, accepted anywhere on the line.
    var globalOptions: [CompletableOption]
    /// Where contexts, resource types and object names come from.
    var dataSource: any CompletionDataSource
    /// How long a data source may spend on a network request before it returns what it has.
    var budget: Duration = .milliseconds(800)

    /// Completes `arguments` (cobra passes the partial word last, `""` for a new word).
    func complete(_ arguments: [String]) async -> CompletionAnswer {
        let partial = arguments.last ?? ""
        // The same argv rewriting the commands get (global flags hoisted after the subcommand, pflag
        // spellings split), so completion and execution read a line the same way. The partial word is
        // left exactly as typed.
        let before = KubectlArguments.normalize(Array(arguments.dropLast()), commands: root.kubectlCommandTree)
        let walk = CommandLineWalk(root: root, globalOptions: globalOptions, words: before)
        if let pending = walk.pendingOption {
            return await value(of: pending, partial: partial, walk: walk)
        }
        if !walk.afterTerminator, CommandLineWalk.looksLikeOption(partial) || partial == "-" {
            return await optionWord(partial, walk: walk)
        }
        return await positionalWord(partial, walk: walk)
    }

    // MARK: - Flags

    private func optionWord(_ partial: String, walk: CommandLineWalk) async -> CompletionAnswer {
        // `--context=pr<TAB>`: complete the value and keep the flag in front of it, as cobra does.
        if partial.hasPrefix("--"), let equals = partial.firstIndex(of: "=") {
            let name = String(partial[..<equals])
            guard let option = walk.option(named: name, globalOptions: globalOptions), option.takesValue else {
                return CompletionAnswer()
            }
            var answer = await value(of: option, partial: String(partial[partial.index(after: equals)...]), walk: walk)
            if !answer.directive.contains(.filterFileExt) {
                answer.candidates = answer.candidates.map { CompletionCandidate(name + "=" + $0.value, $0.description) }
            }
            return answer
        }
        // `-nkube<TAB>`: a shorthand with its value attached.
        if !partial.hasPrefix("--"), partial.count > 2,
            let option = walk.option(named: String(partial.prefix(2)), globalOptions: globalOptions), option.takesValue
        {
            let flag = String(partial.prefix(2))
            var answer = await value(of: option, partial: String(partial.dropFirst(2)), walk: walk)
            answer.candidates = answer.candidates.map { CompletionCandidate(flag + $0.value, $0.description) }
            return answer
        }
        var seen: Set<String> = []
        var candidates: [CompletionCandidate] = []
        // cobra offers shorthands only for a lone `-`; `--` and longer prefixes get long names.
        let includeShort = !partial.hasPrefix("--")
        for option in walk.command.options + globalOptions {
            guard !option.isHidden, seen.insert(option.canonicalName).inserted else { continue }
            if walk.usedOptions.contains(option.canonicalName), !option.isRepeating { continue }
            for name in option.names where name.hasPrefix(partial) {
                if name.hasPrefix("--") || includeShort {
                    candidates.append(CompletionCandidate(name, option.abstract))
                }
            }
        }
        return CompletionAnswer(candidates, directive: .noFileComp)
    }

    // MARK: - Flag values

    private func value(of option: CompletableOption, partial: String, walk: CommandLineWalk) async -> CompletionAnswer {
        let selection = Self.selection(from: walk)
        switch option.canonicalName {
        case "--context":
            return filtered(dataSource.kubeconfigNames(selection).contexts, partial)
        case "--cluster":
            return filtered(dataSource.kubeconfigNames(selection).clusters, partial)
        case "--user":
            return filtered(dataSource.kubeconfigNames(selection).users, partial)
        case "--namespace":
            var lookup = selection
            lookup.namespace = nil
            let listing = await dataSource.objectNames(
                of: .namespaces, namespace: nil, selection: lookup, budget: budget)
            return filtered(listing.names.map { CompletionCandidate($0) }, partial, note: listing.note)
        case "--subresource":
            guard let resource = await resolve(walk.positionals.dropFirst().first, selection: selection) else {
                return CompletionAnswer(activeHelp: ["type the resource before --subresource to see its subresources"])
            }
            return filtered(resource.subresources.map { CompletionCandidate($0, "\(resource.name)/\($0)") }, partial)
        case "--filename":
            return CompletionAnswer(["yaml", "yml", "json"].map { CompletionCandidate($0) }, directive: .filterFileExt)
        case "--offline", "--kubeconfig", "--certificate-authority", "--client-certificate", "--client-key":
            return CompletionAnswer(directive: .default)
        default:
            break
        }
        if !option.allowedValues.isEmpty {
            return filtered(option.allowedValues.map { CompletionCandidate($0) }, partial)
        }
        if let extensions = option.fileExtensions {
            if extensions.isEmpty { return CompletionAnswer(directive: .default) }
            return CompletionAnswer(extensions.map { CompletionCandidate($0) }, directive: .filterFileExt)
        }
        if option.isDirectory {
            return CompletionAnswer(directive: .filterDirs)
        }
        // `--input FILE`, `--offline dir|file`: let the shell complete paths.
        let valueName = option.valueName.lowercased()
        if valueName.contains("file") || valueName.contains("path") || valueName.contains("dir") {
            return CompletionAnswer(directive: .default)
        }
        return CompletionAnswer(directive: .noFileComp)
    }

    // MARK: - Subcommands and positional arguments

    private func positionalWord(_ partial: String, walk: CommandLineWalk) async -> CompletionAnswer {
        var answer = CompletionAnswer()
        if walk.positionals.isEmpty, !walk.command.subcommands.isEmpty {
            let subcommands = walk.command.subcommands.filter { !$0.isHidden }
            answer = filtered(subcommands.map { CompletionCandidate($0.name, $0.abstract) }, partial)
        }
        if walk.commandNames == ["can-i"] {
            return await canIArgument(partial, walk: walk)
        }
        // `help <TAB>`: ArgumentParser's help command takes a subcommand path.
        if walk.commandNames == ["help"] {
            var node = root
            for word in walk.positionals {
                guard let child = node.subcommand(named: word) else { return answer }
                node = child
            }
            let visible = node.subcommands.filter { !$0.isHidden && $0.name != "help" }
            return filtered(visible.map { CompletionCandidate($0.name, $0.abstract) }, partial)
        }
        let index = walk.positionals.count
        let positionals = walk.command.positionals
        if let positional = index < positionals.count
            ? positionals[index] : positionals.last.flatMap({ $0.isRepeating ? $0 : nil })
        {
            answer.candidates += positional.allowedValues.filter { $0.hasPrefix(partial) }.map {
                CompletionCandidate($0)
            }
            if answer.candidates.isEmpty, !positional.abstract.isEmpty, partial.isEmpty {
                answer.activeHelp.append(positional.abstract)
            }
        }
        return answer
    }

    /// `can-i VERB TYPE[/NAME] [NAME]`, following kubectl `auth can-i`'s argument rules.
    private func canIArgument(_ partial: String, walk: CommandLineWalk) async -> CompletionAnswer {
        let selection = Self.selection(from: walk)
        switch walk.positionals.count {
        case 0:
            var answer = filtered(CanIVocabulary.verbs, partial)
            answer.directive.insert(.keepOrder)
            return answer
        case 1:
            if partial.hasPrefix("/") {
                return CompletionAnswer(activeHelp: ["a non-resource URL such as /healthz or /logs/*"])
            }
            if let slash = partial.firstIndex(of: "/") {
                // TYPE/NAME: complete the name, keep the type in front.
                let typed = String(partial[..<slash])
                guard let resource = await resolve(typed, selection: selection) else { return CompletionAnswer() }
                var answer = await names(
                    of: resource, partial: String(partial[partial.index(after: slash)...]), walk: walk)
                answer.candidates = answer.candidates.map {
                    CompletionCandidate(typed + "/" + $0.value, $0.description)
                }
                return answer
            }
            var answer = filtered(await resourceTypeCandidates(selection), partial)
            if answer.candidates.isEmpty, partial.isEmpty {
                answer.activeHelp.append(
                    "no resource types: discovery is not cached for this cluster and was not fetched in time "
                        + "(try kubectl api-resources)")
            }
            return answer
        case 2:
            let typed = walk.positionals[1]
            guard !typed.contains("/"), !typed.hasPrefix("/"), let resource = await resolve(typed, selection: selection)
            else {
                return CompletionAnswer()
            }
            return await names(of: resource, partial: partial, walk: walk)
        default:
            return CompletionAnswer()
        }
    }

    private func names(
        of resource: ResourceTypeSummary, partial: String, walk: CommandLineWalk
    ) async -> CompletionAnswer {
        let selection = Self.selection(from: walk)
        let listing = await dataSource.objectNames(
            of: resource, namespace: selection.namespace, selection: selection, budget: budget)
        return filtered(listing.names.map { CompletionCandidate($0) }, partial, note: listing.note)
    }

    /// Resource type words: every plural name, group-qualified where two groups share it, and short names.
    private func resourceTypeCandidates(_ selection: ClusterSelection) async -> [CompletionCandidate] {
        let types = await dataSource.resourceTypes(selection, budget: budget)
        var countByName: [String: Int] = [:]
        for type in types { countByName[type.name, default: 0] += 1 }
        var seen: Set<String> = []
        var candidates: [CompletionCandidate] = []
        for type in types {
            let description = type.group.isEmpty ? type.kind : "\(type.kind) (\(type.group))"
            // The first group discovery lists for a name is the one kubectl picks for the bare name.
            if seen.insert(type.name).inserted {
                candidates.append(CompletionCandidate(type.name, description))
            } else if countByName[type.name, default: 0] > 1, seen.insert(type.qualifiedName).inserted {
                candidates.append(CompletionCandidate(type.qualifiedName, description))
            }
            for short in type.shortNames where seen.insert(short).inserted {
                candidates.append(CompletionCandidate(short, "short for \(type.name)"))
            }
        }
        return candidates
    }

    /// Finds the resource type `word` names the way kubectl's RESTMapper does for the common spellings:
    /// plural, singular, short name, kind, each optionally qualified by `.group`.
    func resolve(_ word: String?, selection: ClusterSelection) async -> ResourceTypeSummary? {
        guard let word = word?.lowercased(), !word.isEmpty else { return nil }
        let types = await dataSource.resourceTypes(selection, budget: budget)
        func matches(_ type: ResourceTypeSummary, _ name: String) -> Bool {
            name == type.name || name == type.kind.lowercased() || type.shortNames.contains(name)
        }
        if let exact = types.first(where: { matches($0, word) }) { return exact }
        // `deployments.apps`, `deploy.apps`
        return types.first { type in
            guard !type.group.isEmpty, word.hasSuffix("." + type.group) else { return false }
            return matches(type, String(word.dropLast(type.group.count + 1)))
        }
    }

    // MARK: - Helpers

    private func filtered(
        _ candidates: [CompletionCandidate], _ partial: String, note: String? = nil
    ) -> CompletionAnswer {
        CompletionAnswer(
            candidates.filter { $0.value.hasPrefix(partial) }, directive: .noFileComp,
            activeHelp: note.map { [$0] } ?? [])
    }

    /// The kubeconfig choices made on the line being completed.
    static func selection(from walk: CommandLineWalk) -> ClusterSelection {
        ClusterSelection(
            kubeconfig: walk.value(of: "--kubeconfig"), context: walk.value(of: "--context"),
            cluster: walk.value(of: "--cluster"), user: walk.value(of: "--user"),
            namespace: walk.value(of: "--namespace"), server: walk.value(of: "--server"))
    }
}
