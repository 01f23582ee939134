import Testing

// Replaced by the real tests of GuardrailYAML.
@Test func GuardrailYAMLPlaceholder() {}
