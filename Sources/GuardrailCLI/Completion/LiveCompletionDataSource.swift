/// Cluster-dependent candidates from the user's kubeconfig, kubectl's discovery cache and the
/// completion name cache.
struct LiveCompletionDataSource: CompletionDataSource {
    func kubeconfigNames(_ selection: ClusterSelection) -> KubeconfigNames {
        KubeconfigNames()
    }

    func resourceTypes(_ selection: ClusterSelection) -> [ResourceTypeSummary] {
        []
    }

    func objectNames(
        of resource: ResourceTypeSummary, namespace: String?, selection: ClusterSelection, budget: Duration
    ) -> NameListing {
        NameListing()
    }
}
