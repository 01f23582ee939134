// Runs the KubeTestServer standalone (for benchmarks and demos). Filled in by the transport work.
import KubeTestServer
print("guardrail-test-server: not built yet")
