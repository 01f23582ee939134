import Testing

// Replaced by the real tests of KubeConfig.
@Test func KubeConfigPlaceholder() {}
