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
# Prints the median wall time of each, their ratio (target: guardrail/kubectl ≤ 0.4) and the peak
# resident memory of one run of each (from /usr/bin/time -v). Exits 1 when the ratio misses the target.
set -euo pipefail

runs=${1:-30}
configuration=${CONFIGURATION:-release}
context=${CONTEXT:-cert}
root=$(cd "$(dirname "$0")/.." && pwd)
stdlib=${STDLIB:-static}
build=(swift build -c "$configuration")
[[ $stdlib == static ]] && build+=(--static-swift-stdlib --scratch-path .build-static)
bin=$(cd "$root" && "${build[@]}" --show-bin-path)
variant="$configuration build, $stdlib Swift stdlib"

if [[ ! -x "$bin/kubectl-guardrail" || ! -x "$bin/guardrail-test-server" ]]; then
    echo "building $variant binaries…" >&2
    (cd "$root" && "${build[@]}" --product kubectl-guardrail >&2 && "${build[@]}" --product guardrail-test-server >&2)
fi

kubectl=${KUBECTL:-}
if [[ -z "$kubectl" ]]; then
    for v in 1.33 1.32 1.31 1.30 1.29 1.28; do
        if [[ -x "/usr/lib/google-cloud-sdk/bin/kubectl.$v" ]]; then kubectl="/usr/lib/google-cloud-sdk/bin/kubectl.$v"; break; fi
    done
    kubectl=${kubectl:-$(command -v kubectl || true)}
fi
[[ -n "$kubectl" ]] || { echo "error: no kubectl found; set KUBECTL" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() {
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/guardrail-test-server" --kubeconfig "$work/kubeconfig" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "serving on" "$work/server.log" 2>/dev/null && break
    sleep 0.05
done
grep -q "serving on" "$work/server.log" || { echo "error: the test server did not start" >&2; cat "$work/server.log" >&2; exit 2; }

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

# median_ms CMD… — runs the command $runs times (after 3 warm-ups) and prints the median in ms:
# with hyperfine when installed (no shell in the loop), else timed with date in this shell.
median_ms() {
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        awk -F': ' '/"median"/ { gsub(/[ ,]/, "", $2); printf "%.1f\n", $2 * 1000; exit }' "$work/h.json"
        return
    fi
    local times=()
    for _ in 1 2 3; do "$@" >/dev/null; done
    for _ in $(seq 1 "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'
}

# resources CMD… — "peak-RSS-kB cpu-ms" of one run (CPU = user + system: less sensitive than wall time
# to other load on the machine).
resources() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
        /Maximum resident set size/ { rss = $2 }
        /User time \(seconds\)/ { cpu += $2 }
        /System time \(seconds\)/ { cpu += $2 }
        END { printf "%d %.0f\n", rss, cpu * 1000 }'
}

g=$(median_ms "${guardrail[@]}")
k=$(median_ms "${reference[@]}")
read -r g_mem g_cpu < <(resources "${guardrail[@]}")
read -r k_mem k_cpu < <(resources "${reference[@]}")
ratio=$(awk -v g="$g" -v k="$k" 'BEGIN { printf "%.2f", g / k }')

printf 'whoami against guardrail-test-server (%s, context %s, %d runs)\n' "$variant" "$context" "$runs"
printf '  %-30s median %7.1f ms   CPU %4d ms   peak RSS %6.1f MB\n' "kubectl-guardrail whoami" "$g" "$g_cpu" \
    "$(awk -v m="$g_mem" 'BEGIN{print m/1024}')"
printf '  %-30s median %7.1f ms   CPU %4d ms   peak RSS %6.1f MB\n' "$(basename "$kubectl") auth whoami" "$k" "$k_cpu" \
    "$(awk -v m="$k_mem" 'BEGIN{print m/1024}')"
printf '  ratio guardrail/kubectl: %s (target ≤ 0.40)\n' "$ratio"
awk -v r="$ratio" 'BEGIN { exit (r <= 0.40) ? 0 : 1 }'
