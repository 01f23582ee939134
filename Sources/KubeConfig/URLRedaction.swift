/// Removes the credentials a URL may carry (`http://user:password@proxy:3128`) before it goes into a
/// message: proxy URLs in kubeconfig and `HTTPS_PROXY` often hold them, and errors must not print secrets.
public enum URLRedaction {
    /// `url` with its userinfo replaced by `***` (`http://***@proxy:3128`); unchanged when it has none.
    /// Works without a scheme too (`user:pw@proxy:1`), since a malformed URL is exactly when we print it.
    public static func withoutCredentials(_ url: String) -> String {
        let authorityStart = url.firstRange(of: "://")?.upperBound ?? url.startIndex
        let authority = url[authorityStart...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + "***" + url[at...]
    }
}
