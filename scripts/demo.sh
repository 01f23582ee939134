#!/usr/bin/env bash
# Sets up a fresh Debian machine (system libraries), builds kubectl-guardrail and runs it:
# against your cluster when the current kubeconfig reaches one, otherwise on the bundled EKS example.
#
#   scripts/demo.sh            # auto: live when a cluster answers, else offline example
#   scripts/demo.sh --offline  # always the bundled example
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libcurl4-openssl-dev libyaml-dev pkg-config)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "+ installing ${packages[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

echo "+ swift build -c release --product kubectl-guardrail" >&2
swift build -c release --product kubectl-guardrail >&2
bin=.build/release/kubectl-guardrail

run() {
    echo >&2
    echo "\$ kubectl guardrail $*" >&2
    set +e
    "$bin" "$@"
    local code=$?
    set -e
    echo "(exit code $code)" >&2
    # 0 yes, 1 no, 3 yes-unless: all are answers, not failures of the demo.
    [[ $code -eq 0 || $code -eq 1 || $code -eq 3 ]]
}

if [[ "${1:-}" != "--offline" ]] && "$bin" whoami --request-timeout 5s >/dev/null 2>&1; then
    run whoami
    run can-i create deployments
else
    echo "+ no reachable cluster in the current kubeconfig: using the bundled example (examples/eks-cluster-admin)" >&2
    run can-i create deployments -n testnamespace --offline examples/eks-cluster-admin
fi
