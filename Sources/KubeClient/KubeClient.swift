// The KubeClient module. See Package.swift for the architecture.
