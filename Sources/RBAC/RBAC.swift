// The RBAC module. See Package.swift for the architecture.
