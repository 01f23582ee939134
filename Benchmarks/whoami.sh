#!/bin/sh
# Benchmarks `whoami` against the in-process test API server (guardrail-test-server), comparing
# kubectl-guardrail with the real kubectl for each credential kind (client certificate, token, exec).
#
#   sh Benchmarks/whoami.sh            # builds release binaries, needs hyperfine
#   KUBECTL=/path/to/kubectl LATENCY=0.005 RUNS=30 sh Benchmarks/whoami.sh
#
# The server adds LATENCY seconds per request (default 0) to imitate a remote cluster. Timings are for
# information only; no test asserts on them.
set -eu
cd "$(dirname "$0")/.."
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.32}
LATENCY=${LATENCY:-0}
RUNS=${RUNS:-20}
command -v hyperfine >/dev/null || { echo "error: hyperfine is not installed" >&2; exit 2; }

swift build -c release --product guardrail-test-server >/dev/null
swift build -c release --product kubectl-guardrail >/dev/null
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d)
"$bin/guardrail-test-server" --kubeconfig "$work/config" --latency "$LATENCY" 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
while ! grep -q "serving on" "$work/server.log" 2>/dev/null; do sleep 0.05; done
echo "$(head -1 "$work/server.log"), latency ${LATENCY}s per request"

for context in cert token exec; do
    commands=""
    if "$bin/kubectl-guardrail" whoami --kubeconfig "$work/config" --context "$context" >/dev/null 2>&1; then
        set -- "$bin/kubectl-guardrail whoami --kubeconfig $work/config --context $context"
    else
        echo "note: kubectl-guardrail whoami does not work yet; timing kubectl only" >&2
        set --
    fi
    if [ -x "$KUBECTL" ]; then
        set -- "$@" "KUBECACHEDIR=$work/cache $KUBECTL --kubeconfig $work/config --context $context auth whoami"
    fi
    [ $# -gt 0 ] || continue
    echo "== context $context"
    hyperfine --warmup 3 --runs "$RUNS" --shell sh "$@"
done
