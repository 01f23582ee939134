import GuardrailCore
import KyvernoJMESPath

/// Policy `subjects` matching (Kyverno pkg/utils/match/subjects.go `CheckSubjects`): wildcards allowed.
enum SubjectMatcher {
    /// The first subject that matches the user, if any.
    static func firstMatch(_ subjects: [Subject], user: UserInfo) -> Subject? {
        subjects.first { matches($0, user: user) }
    }

    static func matches(_ subject: Subject, user: UserInfo) -> Bool {
        switch subject.kind {
        case "ServiceAccount":
            return Wildcard.match("system:serviceaccount:\(subject.namespace):\(subject.name)", user.username)
        case "Group":
            return user.groups.contains { Wildcard.match(subject.name, $0) }
        case "User":
            return Wildcard.match(subject.name, user.username)
        default:
            // Unknown kinds never match; apiGroup is ignored.
            return false
        }
    }
}
