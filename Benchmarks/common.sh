# Shared by Benchmarks/whoami.sh and Benchmarks/can-i.sh (sourced, not run): the binaries to measure, the
# kubectl to compare with, local servers that are stopped on exit, and the timing helpers.
#
# Environment: CONFIGURATION=release|debug, STDLIB=static|shared, KUBECTL=/path/to/kubectl (see the scripts).

configuration=${CONFIGURATION:-release}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
stdlib=${STDLIB:-static}
build=(swift build -c "$configuration")
[[ $stdlib == static ]] && build+=(--static-swift-stdlib --scratch-path .build-static)
bin=$(cd "$root" && "${build[@]}" --show-bin-path)
variant="$configuration build, $stdlib Swift stdlib"

# ensure_built PRODUCT… — builds the products that are missing.
ensure_built() {
    local product
    for product in "$@"; do
        if [[ ! -x "$bin/$product" ]]; then
            echo "building $variant $product…" >&2
            (cd "$root" && "${build[@]}" --product "$product" >&2)
        fi
    done
}

kubectl=${KUBECTL:-}
if [[ -z "$kubectl" ]]; then
    for v in 1.33 1.32 1.31 1.30 1.29 1.28; do
        if [[ -x "/usr/lib/google-cloud-sdk/bin/kubectl.$v" ]]; then kubectl="/usr/lib/google-cloud-sdk/bin/kubectl.$v"; break; fi
    done
    kubectl=${kubectl:-$(command -v kubectl || true)}
fi
[[ -n "$kubectl" ]] || { echo "error: no kubectl found; set KUBECTL" >&2; exit 2; }

work=$(mktemp -d)
server_pids=()
cleanup() {
    local pid
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# start_server LOG COMMAND… — starts a test server in the background and waits until it logs "serving on".
start_server() {
    local log=$1; shift
    "$@" 2>"$log" &
    server_pids+=($!)
    for _ in $(seq 1 200); do
        grep -q "serving on" "$log" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "error: the test server did not start" >&2
    cat "$log" >&2
    exit 2
}

# cpu_us CMD… — one run's CPU time (user+sys, all threads) in µs: from `perf stat` task-clock (0.01 ms
# resolution) when perf works, else /usr/bin/time (10 ms resolution). CPU time is less sensitive than wall
# time to other load on the machine.
use_perf=0
if command -v perf >/dev/null && perf stat -x, -e task-clock -o "$work/cpu" true 2>/dev/null; then use_perf=1; fi
cpu_us() {
    if [[ $use_perf == 1 ]]; then
        perf stat -x, -e task-clock -o "$work/cpu" "$@" >/dev/null 2>&1 || true
        awk -F, '/task-clock/ { printf "%d\n", $1 * 1000 }' "$work/cpu"
    else
        /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >/dev/null 2>&1 || true
        tail -1 "$work/cpu" | awk '{ printf "%d\n", ($1 + $2) * 1000000 }'
    fi
}

# median_ms < µs values, one per line — their median in ms with one decimal.
median_ms() { sort -n | awk '{ a[NR] = $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'; }
