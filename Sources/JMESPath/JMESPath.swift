// The JMESPath module. See Package.swift for the architecture.
