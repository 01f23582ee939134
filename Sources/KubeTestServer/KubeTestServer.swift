// The KubeTestServer module. See Package.swift for the architecture.
