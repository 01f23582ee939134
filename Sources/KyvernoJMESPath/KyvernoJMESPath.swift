// The KyvernoJMESPath module. See Package.swift for the architecture.
