// Start-up code of the kubectl-guardrail executable (and of nothing else: test processes and other users
// of the libraries do not link this target). See Startup.c.
#pragma once

/// Whether the executable's start-up code ran in this process (1) or not (0).
int gr_startup_ran(void);
