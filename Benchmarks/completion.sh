#!/usr/bin/env bash
# Median latency of one completion request, with a warm cache (kubeconfig and discovery cache on disk).
#
#   Benchmarks/completion.sh [--debug | --shared-stdlib | --binary FILE] [--runs N]
#
# Builds the binary users get unless told otherwise — release with --static-swift-stdlib like
# scripts/release.sh (scratch path .build-static); --shared-stdlib: release against the shared Swift
# runtime; --debug: debug build — or times FILE (e.g. the binary of a release archive), N times each:
#   - kubectl-guardrail __complete ''                   (subcommands)
#   - kubectl-guardrail __complete can-i get ''         (resource types from the discovery cache)
#   - kubectl-guardrail __complete --context ''         (contexts from the kubeconfig)
#   - kubectl_complete-guardrail can-i get ''           (through the /bin/sh shim kubectl runs)
#   - kubectl __complete guardrail can-i get ''         (the whole kubectl round trip, for scale)
# Target: under 15 ms for one request with a warm cache (the first three lines).
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=release
stdlib=static
runs=50
binary=""
while (($#)); do
    case $1 in
        --debug) configuration=debug; stdlib=shared; shift ;;
        --shared-stdlib) stdlib=shared; shift ;;
        --runs) runs=$2; shift 2 ;;
        --binary) binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); configuration="$(basename "$2")"; shift 2 ;;
        *) echo "usage: $0 [--debug | --shared-stdlib | --binary FILE] [--runs N]" >&2; exit 64 ;;
    esac
done

variant=$configuration
if [[ -z $binary ]]; then
    build=(swift build -c "$configuration")
    [[ $stdlib == static ]] && build+=(--static-swift-stdlib --scratch-path .build-static)
    "${build[@]}" --product kubectl-guardrail >&2
    binary="$("${build[@]}" --show-bin-path)/kubectl-guardrail"
    variant="$configuration, $stdlib Swift stdlib"
fi

sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
fixtures=Tests/GuardrailCLITests/Fixtures/Completion
mkdir -p "$sandbox/bin" "$sandbox/cache/discovery"
ln -s "$binary" "$sandbox/bin/kubectl-guardrail"
cp completions/kubectl_complete-guardrail "$sandbox/bin/"
cp -r "$fixtures/discovery" "$sandbox/cache/discovery/127.0.0.1_6443"
export PATH="$sandbox/bin:$PATH" HOME="$sandbox" KUBECACHEDIR="$sandbox/cache"
export KUBECONFIG="$PWD/$fixtures/kubeconfig.json"

# Median wall time in milliseconds of running "$@" $runs times (bash's EPOCHREALTIME: no fork to time).
median_ms() {
    local -a samples=()
    local i start end
    "$@" >/dev/null 2>&1 || true  # warm the page cache
    for ((i = 0; i < runs; i++)); do
        start=$EPOCHREALTIME
        "$@" >/dev/null 2>&1
        end=$EPOCHREALTIME
        samples+=("$(( (${end/./} - ${start/./}) ))")
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '
        { a[NR] = $1 }
        END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

# Mean CPU time (user + system) per run in milliseconds: what the request costs when the machine is busy
# and wall time mostly measures waiting for a core.
cpu_ms() {
    local TIMEFORMAT='%3U %3S' timing i
    timing=$( { time (for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done); } 2>&1 )
    awk -v runs="$runs" '{printf "%.1f", ($1 + $2) * 1000 / runs}' <<<"$timing"
}

row() {
    local label=$1
    shift
    printf '%-52s %9s %8s\n' "$label" "$(median_ms "$@")" "$(cpu_ms "$@")"
}

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
printf '%-52s %9s %8s\n' "completion request ($variant, $runs runs, load $load)" "median ms" "cpu ms"
row "kubectl-guardrail __complete ''" kubectl-guardrail __complete ''
row "kubectl-guardrail __complete can-i get ''" kubectl-guardrail __complete can-i get ''
row "kubectl-guardrail __complete --context ''" kubectl-guardrail __complete --context ''
row "kubectl_complete-guardrail can-i get ''  (shim)" kubectl_complete-guardrail can-i get ''
row "kubectl-guardrail --help  (process start + help)" kubectl-guardrail --help
if command -v kubectl >/dev/null; then
    row "kubectl __complete guardrail can-i get ''  (kubectl)" kubectl __complete guardrail can-i get ''
fi
