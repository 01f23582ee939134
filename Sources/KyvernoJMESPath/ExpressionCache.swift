import GuardrailCore
import JMESPath
import Synchronization

extension KyvernoJMESPath {
    /// A thread-safe cache of parsed expressions: policies evaluate the same few expressions for every
    /// request, so each text is parsed once. Syntax errors are cached too.
    public final class ExpressionCache: Sendable {
        private let storage = Mutex<[String: Result<JMESPath.Expression, JMESPathError>]>([:])
        private let capacity: Int

        /// A cache holding up to `capacity` expressions (it is cleared when full; policies have far fewer).
        public init(capacity: Int = 4096) {
            self.capacity = capacity
        }

        /// The parsed expression for `text`, parsing it on first use.
        public func expression(_ text: String) throws(JMESPathError) -> JMESPath.Expression {
            if let cached = storage.withLock({ $0[text] }) { return try cached.get() }
            let result: Result<JMESPath.Expression, JMESPathError>
            do {
                result = .success(try JMESPath.Expression(parsing: text))
            } catch {
                result = .failure(error)
            }
            storage.withLock {
                if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
                $0[text] = result
            }
            return try result.get()
        }

        /// The number of cached expressions.
        public var count: Int { storage.withLock { $0.count } }
    }
}
