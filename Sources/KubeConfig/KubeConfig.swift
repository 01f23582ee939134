// The KubeConfig module. See Package.swift for the architecture.
