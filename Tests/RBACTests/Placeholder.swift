import Testing

// Replaced by the real tests of RBAC.
@Test func RBACPlaceholder() {}
