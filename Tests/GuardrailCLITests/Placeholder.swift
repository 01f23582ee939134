import Testing

// Replaced by the real tests of GuardrailCLI.
@Test func GuardrailCLIPlaceholder() {}
