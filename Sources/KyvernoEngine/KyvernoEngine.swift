// The KyvernoEngine module. See Package.swift for the architecture.
