#!/usr/bin/env bash
# Benchmarks `kubectl-guardrail can-i create pods -n bench` (RBAC + every Kyverno rule, full explanation)
# against `kubectl auth can-i create pods -n bench` (RBAC only) on the same local test server
# (can-i-bench: KubeTestServer on 127.0.0.1 with 1,000 generated ClusterPolicies and RBAC-backed
# SelfSubjectAccessReviews), with a cold and a warm discovery cache.
#
#   Benchmarks/can-i.sh [RUNS]           (default 20 runs of each, after 2 warm-up runs)
#
# Environment:
#   CONFIGURATION=release|debug   which build to measure (default release; built if missing)
#   STDLIB=static|shared          static (default): the binary users get, built like scripts/release.sh with
#                                 --static-swift-stdlib (scratch path .build-static); shared: .build/
#   KUBECTL=/path/to/kubectl      the kubectl to compare with (default: newest gcloud kubectl.1.x, else PATH)
#   POLICIES=N                    ClusterPolicies on the server (default 1000)
#
# Prints the median wall time of each (cold and warm), their ratios (target: guardrail/kubectl ≤ 1.0) and
# the median CPU time (user+sys) of the plugin itself (target: < 15 ms with 1,000 policies). Exits 1 when
# the warm ratio or the CPU target is missed.
set -euo pipefail

runs=${1:-20}
policies=${POLICIES:-1000}
source "$(dirname "$0")/common.sh"
ensure_built kubectl-guardrail can-i-bench
start_server "$work/server.log" "$bin/can-i-bench" --policies "$policies" --kubeconfig "$work/kubeconfig"

export KUBECONFIG="$work/kubeconfig" HOME="$work" KUBECACHEDIR="$work/cache"
guardrail=("$bin/kubectl-guardrail" can-i create pods -n bench)
reference=("$kubectl" auth can-i create pods -n bench)

# Both must answer before they are timed (the plugin: 0 yes, 1 no, 3 yes-unless are answers).
set +e
"${guardrail[@]}" >"$work/guardrail.txt" 2>"$work/guardrail.err"; g_status=$?
"${reference[@]}" >"$work/kubectl.txt" 2>"$work/kubectl.err"; k_status=$?
set -e
if [[ $g_status -eq 2 || $g_status -eq 64 ]]; then
    echo "error: kubectl-guardrail could not answer (exit $g_status):" >&2; cat "$work/guardrail.err" >&2; exit 2
fi
if [[ $k_status -ne 0 && $k_status -ne 1 ]] || grep -q "UnsupportedMediaType" "$work/kubectl.err"; then
    echo "note: kubectl's answer: $(head -c 300 "$work/kubectl.err")" >&2
    echo "      (its timing still covers startup, kubeconfig, discovery, TLS and the review round trip)" >&2
fi

clear_cache() { rm -rf "$work/cache" "$work/.kube/cache"; }

# wall_us MODE CMD… — one run's wall time in µs (bash's EPOCHREALTIME: no fork to time), clearing the
# discovery cache first when MODE is COLD. The plugin and kubectl run alternately so that both see the same
# background load on a shared machine.
wall_us() {
    local mode=$1 start end; shift
    [[ $mode == COLD ]] && clear_cache
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    echo $(( ${end/./} - ${start/./} ))
}

for _ in 1 2; do "${guardrail[@]}" >/dev/null 2>&1 || true; "${reference[@]}" >/dev/null 2>&1 || true; done
for f in g.cold k.cold g.warm k.warm g.cpu k.cpu; do : >"$work/$f"; done
for _ in $(seq 1 "$runs"); do
    wall_us COLD "${guardrail[@]}" >>"$work/g.cold"
    wall_us COLD "${reference[@]}" >>"$work/k.cold"
done
clear_cache
"${guardrail[@]}" >/dev/null 2>&1 || true
"${reference[@]}" >/dev/null 2>&1 || true
for _ in $(seq 1 "$runs"); do
    wall_us WARM "${guardrail[@]}" >>"$work/g.warm"
    wall_us WARM "${reference[@]}" >>"$work/k.warm"
    cpu_us "${guardrail[@]}" >>"$work/g.cpu"
    cpu_us "${reference[@]}" >>"$work/k.cpu"
done
g_cold=$(median_ms <"$work/g.cold"); k_cold=$(median_ms <"$work/k.cold")
g_warm=$(median_ms <"$work/g.warm"); k_warm=$(median_ms <"$work/k.warm")
g_cpu=$(median_ms <"$work/g.cpu"); k_cpu=$(median_ms <"$work/k.cpu")
# The fixed cost every can-i pays whatever the policies (process start, loading libcurl, argument parsing,
# TLS, the reviews and lists): the same command against a server with no ClusterPolicies, warm cache.
floor_cpu=""
if [[ $policies -gt 0 ]]; then
    start_server "$work/server0.log" "$bin/can-i-bench" --policies 0 --kubeconfig "$work/kubeconfig0"
    : >"$work/floor.cpu"
    KUBECONFIG="$work/kubeconfig0" KUBECACHEDIR="$work/cache0" "${guardrail[@]}" >/dev/null 2>&1 || true
    for _ in $(seq 1 "$runs"); do
        KUBECONFIG="$work/kubeconfig0" KUBECACHEDIR="$work/cache0" cpu_us "${guardrail[@]}" >>"$work/floor.cpu"
    done
    floor_cpu=$(median_ms <"$work/floor.cpu")
fi
g_mem=$(/usr/bin/time -v "${guardrail[@]}" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }' || true)
k_mem=$(/usr/bin/time -v "${reference[@]}" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }' || true)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
cold_ratio=$(awk -v g="$g_cold" -v k="$k_cold" 'BEGIN { printf "%.2f", g / k }')
warm_ratio=$(awk -v g="$g_warm" -v k="$k_warm" 'BEGIN { printf "%.2f", g / k }')
rules=$(grep -cE '^  (BLOCKS|MAY BLOCK|AUDIT|EXEMPTED|EXCLUDED|passes)  ' "$work/guardrail.txt" || true)

printf 'can-i against can-i-bench (%s, %d ClusterPolicies, %d runs, load %s; guardrail explained %s rules)\n' \
    "$variant" "$policies" "$runs" "$load" "$rules"
row() {
    printf '  %-44s cold %6.1f ms  warm %6.1f ms  CPU %5.1f ms  peak RSS %5.1f MB\n' "$1" "$2" "$3" "$4" \
        "$(awk -v m="$5" 'BEGIN { print m / 1024 }')"
}
row "kubectl-guardrail can-i create pods -n bench" "$g_cold" "$g_warm" "$g_cpu" "$g_mem"
row "$(basename "$kubectl") auth can-i create pods -n bench" "$k_cold" "$k_warm" "$k_cpu" "$k_mem"
printf '  ratio guardrail/kubectl: cold %s, warm %s (target ≤ 1.00)\n' "$cold_ratio" "$warm_ratio"
printf '  kubectl-guardrail CPU time (user+sys, warm, median): %s ms (target < 15 ms)\n' "$g_cpu"
if [[ -n "$floor_cpu" ]]; then
    printf '    of which fixed (same command, server without policies): %s ms; the %d policies add %s ms\n' \
        "$floor_cpu" "$policies" "$(awk -v g="$g_cpu" -v f="$floor_cpu" 'BEGIN { printf "%.1f", g - f }')"
fi
awk -v r="$warm_ratio" -v c="$g_cpu" 'BEGIN { exit (r <= 1.0 && c < 15) ? 0 : 1 }'
