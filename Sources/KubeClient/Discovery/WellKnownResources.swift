extension DiscoveryCatalog {
    /// The resources of a stock Kubernetes 1.33 cluster with Kyverno installed, as its discovery reports
    /// them (names, short names, scope, subresources). Offline mode resolves resource arguments against
    /// this when no cluster is at hand; CustomResourceDefinitions in the offline files are added to it.
    public static let wellKnown: DiscoveryCatalog = {
        var groups: [Group] = []
        for line in wellKnownTable.split(separator: "\n") where !line.hasPrefix("#") {
            // groupVersion name singular Kind scope shortNames subresources [categories]
            let f = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let (group, version) = DiscoveryDocument.splitGroupVersion(f[0])
            let list: (String) -> [String] = { $0 == "-" ? [] : $0.split(separator: ",").map(String.init) }
            let subresources = list(f[6]).map { APISubresourceInfo(name: $0, verbs: subresourceVerbs[$0] ?? ["get"]) }
            let resource = APIResourceInfo(
                group: group, version: version, name: f[1], singularName: f[2], kind: f[3], namespaced: f[4] == "N",
                verbs: f[3].hasSuffix("Review") ? ["create"] : standardVerbs, shortNames: list(f[5]),
                categories: f.count > 7 ? list(f[7]) : [], subresources: subresources)
            if let g = groups.firstIndex(where: { $0.name == group }) {
                if let v = groups[g].versions.firstIndex(where: { $0.version == version }) {
                    groups[g].versions[v].resources.append(resource)
                } else {
                    groups[g].versions.append(Version(version: version, resources: [resource]))
                }
            } else {
                groups.append(Group(name: group, versions: [Version(version: version, resources: [resource])]))
            }
        }
        return DiscoveryCatalog(groups: groups)
    }()

    private static let standardVerbs = [
        "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
    ]

    private static let subresourceVerbs: [String: [String]] = [
        "attach": ["create", "get"], "exec": ["create", "get"], "portforward": ["create", "get"],
        "proxy": ["create", "delete", "get", "patch", "update"], "log": ["get"], "status": ["get", "patch", "update"],
        "scale": ["get", "patch", "update"], "eviction": ["create"], "binding": ["create"], "token": ["create"],
        "ephemeralcontainers": ["get", "patch", "update"], "resize": ["get", "patch", "update"],
        "finalize": ["update"], "approval": ["get", "patch", "update"],
    ]

    // groupVersion name singular Kind N|C shortNames subresources categories ("-" = none)
    private static let wellKnownTable = """
        v1 bindings binding Binding N - - -
        v1 componentstatuses componentstatus ComponentStatus C cs - -
        v1 configmaps configmap ConfigMap N cm - -
        v1 endpoints endpoints Endpoints N ep - -
        v1 events event Event N ev - -
        v1 limitranges limitrange LimitRange N limits - -
        v1 namespaces namespace Namespace C ns finalize,status -
        v1 nodes node Node C no proxy,status -
        v1 persistentvolumeclaims persistentvolumeclaim PersistentVolumeClaim N pvc status -
        v1 persistentvolumes persistentvolume PersistentVolume C pv status -
        v1 pods pod Pod N po attach,binding,ephemeralcontainers,eviction,exec,log,portforward,proxy,resize,status all
        v1 podtemplates podtemplate PodTemplate N - - -
        v1 replicationcontrollers replicationcontroller ReplicationController N rc scale,status all
        v1 resourcequotas resourcequota ResourceQuota N quota status -
        v1 secrets secret Secret N - - -
        v1 serviceaccounts serviceaccount ServiceAccount N sa token -
        v1 services service Service N svc proxy,status all
        admissionregistration.k8s.io/v1 mutatingwebhookconfigurations mutatingwebhookconfiguration MutatingWebhookConfiguration C - - api-extensions
        admissionregistration.k8s.io/v1 validatingadmissionpolicies validatingadmissionpolicy ValidatingAdmissionPolicy C - status api-extensions
        admissionregistration.k8s.io/v1 validatingadmissionpolicybindings validatingadmissionpolicybinding ValidatingAdmissionPolicyBinding C - - api-extensions
        admissionregistration.k8s.io/v1 validatingwebhookconfigurations validatingwebhookconfiguration ValidatingWebhookConfiguration C - - api-extensions
        apiextensions.k8s.io/v1 customresourcedefinitions customresourcedefinition CustomResourceDefinition C crd,crds status api-extensions
        apiregistration.k8s.io/v1 apiservices apiservice APIService C - status api-extensions
        apps/v1 controllerrevisions controllerrevision ControllerRevision N - - -
        apps/v1 daemonsets daemonset DaemonSet N ds status all
        apps/v1 deployments deployment Deployment N deploy scale,status all
        apps/v1 replicasets replicaset ReplicaSet N rs scale,status all
        apps/v1 statefulsets statefulset StatefulSet N sts scale,status all
        authentication.k8s.io/v1 selfsubjectreviews selfsubjectreview SelfSubjectReview C - - -
        authentication.k8s.io/v1 tokenreviews tokenreview TokenReview C - - -
        authorization.k8s.io/v1 localsubjectaccessreviews localsubjectaccessreview LocalSubjectAccessReview N - - -
        authorization.k8s.io/v1 selfsubjectaccessreviews selfsubjectaccessreview SelfSubjectAccessReview C - - -
        authorization.k8s.io/v1 selfsubjectrulesreviews selfsubjectrulesreview SelfSubjectRulesReview C - - -
        authorization.k8s.io/v1 subjectaccessreviews subjectaccessreview SubjectAccessReview C - - -
        autoscaling/v2 horizontalpodautoscalers horizontalpodautoscaler HorizontalPodAutoscaler N hpa status all
        batch/v1 cronjobs cronjob CronJob N cj status all
        batch/v1 jobs job Job N - status all
        certificates.k8s.io/v1 certificatesigningrequests certificatesigningrequest CertificateSigningRequest C csr approval,status -
        coordination.k8s.io/v1 leases lease Lease N - - -
        discovery.k8s.io/v1 endpointslices endpointslice EndpointSlice N - - -
        events.k8s.io/v1 events event Event N ev - -
        networking.k8s.io/v1 ingressclasses ingressclass IngressClass C - - -
        networking.k8s.io/v1 ingresses ingress Ingress N ing status -
        networking.k8s.io/v1 networkpolicies networkpolicy NetworkPolicy N netpol - -
        node.k8s.io/v1 runtimeclasses runtimeclass RuntimeClass C - - -
        policy/v1 poddisruptionbudgets poddisruptionbudget PodDisruptionBudget N pdb status -
        rbac.authorization.k8s.io/v1 clusterrolebindings clusterrolebinding ClusterRoleBinding C - - -
        rbac.authorization.k8s.io/v1 clusterroles clusterrole ClusterRole C - - -
        rbac.authorization.k8s.io/v1 rolebindings rolebinding RoleBinding N - - -
        rbac.authorization.k8s.io/v1 roles role Role N - - -
        scheduling.k8s.io/v1 priorityclasses priorityclass PriorityClass C pc - -
        storage.k8s.io/v1 csidrivers csidriver CSIDriver C - - -
        storage.k8s.io/v1 csinodes csinode CSINode C - - -
        storage.k8s.io/v1 storageclasses storageclass StorageClass C sc - -
        storage.k8s.io/v1 volumeattachments volumeattachment VolumeAttachment C - status -
        kyverno.io/v1 clusterpolicies clusterpolicy ClusterPolicy C cpol status kyverno
        kyverno.io/v1 policies policy Policy N pol status kyverno
        kyverno.io/v1 updaterequests updaterequest UpdateRequest N ur status kyverno
        kyverno.io/v2 cleanuppolicies cleanuppolicy CleanupPolicy N cleanpol status kyverno
        kyverno.io/v2 clustercleanuppolicies clustercleanuppolicy ClusterCleanupPolicy C ccleanpol status kyverno
        kyverno.io/v2 policyexceptions policyexception PolicyException N polex - kyverno
        wgpolicyk8s.io/v1alpha2 clusterpolicyreports clusterpolicyreport ClusterPolicyReport C cpolr - kyverno
        wgpolicyk8s.io/v1alpha2 policyreports policyreport PolicyReport N polr - kyverno
        """
}
