#!/usr/bin/env bash
# Benchmarks `kubectl-guardrail whoami` against `kubectl auth whoami` on the same local test server
# (guardrail-test-server: HTTPS on 127.0.0.1, no network latency), so the numbers compare the two
# programs' own cost: startup, kubeconfig loading, TLS, one SelfSubjectReview, printing.
#
#   Benchmarks/whoami.sh [RUNS]          (default 30 runs each, after 3 warm-up runs)
#
# Environment:
#   CONFIGURATION=release|debug   which build to measure (default release; built if missing)
#   STDLIB=static|shared          static (default): the binary users get, built like scripts/release.sh with
#                                 --static-swift-stdlib (scratch path .build-static); shared: .build/
#   KUBECTL=/path/to/kubectl      the kubectl to compare with (default: newest gcloud kubectl.1.x, else PATH)
#   CONTEXT=cert|token|exec       the test server user (default cert)
#
# Prints the median wall time (runs alternate between the two) and CPU time of each, their ratios (target:
# wall guardrail/kubectl ≤ 0.4) and the peak resident memory of one run of each (from /usr/bin/time -v).
# With hyperfine installed it also times both without a shell (`hyperfine -N`) and checks that ratio.
# Exits 1 when the wall ratio misses the target.
set -euo pipefail

runs=${1:-30}
context=${CONTEXT:-cert}
source "$(dirname "$0")/common.sh"
ensure_built kubectl-guardrail guardrail-test-server
start_server "$work/server.log" "$bin/guardrail-test-server" --kubeconfig "$work/kubeconfig"

export KUBECONFIG="$work/kubeconfig" HOME="$work"
guardrail=("$bin/kubectl-guardrail" whoami --context "$context")
reference=("$kubectl" auth whoami --context "$context")

# Both must work before they are timed.
"${guardrail[@]}" -o json >"$work/guardrail.json"
"${reference[@]}" -o json >"$work/kubectl.json"
if ! cmp -s "$work/guardrail.json" "$work/kubectl.json"; then
    echo "warning: -o json differs between guardrail and kubectl:" >&2
    diff "$work/kubectl.json" "$work/guardrail.json" >&2 || true
fi

# Wall time: the two commands run alternately ($runs times each, after 3 warm-ups of each) so that both see
# the same background load on a shared machine; times come from bash's EPOCHREALTIME (no fork to time).
# CPU time (user+sys, all threads) from `perf stat` task-clock (0.01 ms resolution) when perf works, else
# /usr/bin/time (10 ms resolution): less sensitive than wall time to other load on the machine.
wall_us() {
    local start end
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    echo $(( ${end/./} - ${start/./} ))
}

for _ in 1 2 3; do "${guardrail[@]}" >/dev/null; "${reference[@]}" >/dev/null; done
: >"$work/g.wall"; : >"$work/k.wall"; : >"$work/g.cpu"; : >"$work/k.cpu"
for _ in $(seq 1 "$runs"); do
    wall_us "${guardrail[@]}" >>"$work/g.wall"
    wall_us "${reference[@]}" >>"$work/k.wall"
    cpu_us "${guardrail[@]}" >>"$work/g.cpu"
    cpu_us "${reference[@]}" >>"$work/k.cpu"
done
g=$(median_ms <"$work/g.wall"); k=$(median_ms <"$work/k.wall")

# hyperfine, when installed, times each program without a shell in between (`-N`): the bash-timed loop
# above also counts bash's fork+exec (~0.8 ms here, the same for both), which pulls the ratio towards 1.
# Its runs are back to back per program, not alternating, so it wants a quiet machine.
hf_g="" hf_k=""
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs "$runs" --style none --export-json "$work/hyperfine.json" \
        "$(printf '%q ' "${guardrail[@]}")" "$(printf '%q ' "${reference[@]}")" >/dev/null 2>&1 || true
    medians=$(grep -o '"median": *[0-9.e-]*' "$work/hyperfine.json" 2>/dev/null | awk '{ printf "%.1f\n", $2 * 1000 }')
    hf_g=$(sed -n 1p <<<"$medians"); hf_k=$(sed -n 2p <<<"$medians")
fi
g_cpu=$(median_ms <"$work/g.cpu"); k_cpu=$(median_ms <"$work/k.cpu")

# peak-RSS-kB of one run (from /usr/bin/time -v).
peak_rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'; }
g_mem=$(peak_rss "${guardrail[@]}")
k_mem=$(peak_rss "${reference[@]}")
ratio=$(awk -v g="$g" -v k="$k" 'BEGIN { printf "%.2f", g / k }')
cpu_ratio=$(awk -v g="$g_cpu" -v k="$k_cpu" 'BEGIN { printf "%.2f", g / k }')
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

printf 'whoami against guardrail-test-server (%s, context %s, %d runs, load %s)\n' "$variant" "$context" \
    "$runs" "$load"
printf '  %-30s median %7.1f ms   CPU %5.1f ms   peak RSS %6.1f MB\n' "kubectl-guardrail whoami" "$g" "$g_cpu" \
    "$(awk -v m="$g_mem" 'BEGIN{print m/1024}')"
printf '  %-30s median %7.1f ms   CPU %5.1f ms   peak RSS %6.1f MB\n' "$(basename "$kubectl") auth whoami" "$k" "$k_cpu" \
    "$(awk -v m="$k_mem" 'BEGIN{print m/1024}')"
printf '  ratio guardrail/kubectl: wall %s (bash-timed, alternating), CPU %s\n' "$ratio" "$cpu_ratio"
if [[ -n "$hf_g" && -n "$hf_k" ]]; then
    ratio=$(awk -v g="$hf_g" -v k="$hf_k" 'BEGIN { printf "%.2f", g / k }')
    printf '  hyperfine -N medians: guardrail %s ms, kubectl %s ms, ratio %s\n' "$hf_g" "$hf_k" "$ratio"
fi
printf '  wall ratio checked against the target (≤ 0.40): %s\n' "$ratio"
awk -v r="$ratio" 'BEGIN { exit (r <= 0.40) ? 0 : 1 }'
