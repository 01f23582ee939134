import GuardrailCore

/// Who is asking, offline: `--as`/`--as-group`/`--as-uid` when given, else the SelfSubjectReview
/// document. Impersonated users get the groups the API server's impersonation filter adds
/// (`k8s.io/apiserver/pkg/endpoints/filters/impersonation.go`): `system:serviceaccounts` and
/// `system:serviceaccounts:NS` for a service account, then `system:authenticated` unless
/// `system:authenticated` or `system:unauthenticated` is already there (`system:unauthenticated` for
/// `system:anonymous`).
enum OfflineCaller {
    /// The caller, or a one-line error telling how to supply one.
    static func resolve(impersonateUser: String?, groups: [String], uid: String?, reviewed: UserInfo?)
        throws(InputFileError) -> UserInfo
    {
        guard let user = impersonateUser, !user.isEmpty else {
            if !groups.isEmpty || uid != nil {
                // kubectl's wording for the same mistake.
                throw InputFileError("requesting uid or groups without impersonating a user: add --as USER")
            }
            guard let reviewed else {
                throw InputFileError(
                    "no caller: put a SelfSubjectReview (kubectl auth whoami -o yaml) in the offline files,"
                        + " or pass --as")
            }
            return reviewed
        }
        var all = groups
        let probe = UserInfo(username: user)
        if let sa = probe.serviceAccount {
            for group in ["system:serviceaccounts", "system:serviceaccounts:\(sa.namespace)"] where !all.contains(group)
            {
                all.append(group)
            }
        }
        if user == "system:anonymous" {
            if !all.contains("system:unauthenticated") { all.append("system:unauthenticated") }
        } else if !all.contains("system:authenticated") && !all.contains("system:unauthenticated") {
            all.append("system:authenticated")
        }
        return UserInfo(username: user, uid: uid ?? "", groups: all)
    }
}
