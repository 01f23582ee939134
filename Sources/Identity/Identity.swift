// The Identity module. See Package.swift for the architecture.
