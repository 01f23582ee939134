// What the kubectl-guardrail executable does before the Swift runtime and `main` run.
//
// An ELF/Mach-O constructor, because this is the earliest point a program controls: glibc and dyld call it
// with (argc, argv, envp) right after the shared libraries are loaded and before any other thread exists.
// Both steps must happen that early:
//   1. The allocator settings: glibc gives every thread that allocates its own arena, and an arena
//      created before the settings ignores them. A thread-local arena grows one page range at a time
//      (600 `mprotect` calls in a `can-i` over 1,000 policies); one arena that grows in 8 MB steps and is
//      never trimmed suits a process that lives 20 ms. Untouched heap costs nothing: RSS grows with use.
//   2. Loading libcurl in the background (CCurlShim) for commands that will talk to the API server, so
//      that loading its ~30 shared libraries overlaps the Swift runtime, argument parsing and kubeconfig.
#include "GuardrailStartup.h"
#include "CCurlShim.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

static int gr_ran = 0;

int gr_startup_ran(void) { return gr_ran; }

static void gr_tune_allocator_for_short_process(void) {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

#if defined(__GLIBC__) || defined(__APPLE__)
__attribute__((constructor)) static void gr_startup(int argc, char **argv, char **envp) {
    (void)envp;
    gr_ran = 1;
    gr_tune_allocator_for_short_process();
    if (argc > 1 && argv != NULL && gr_command_line_talks_to_cluster(argc - 1, argv + 1)) gr_curl_preload();
}
#endif
