// The GuardrailYAML module. See Package.swift for the architecture.
