// The project's only door to libcurl.
//
// libcurl is loaded at run time (dlopen of the system's libcurl.so.4) rather than linked: the system
// libcurl pulls in ~30 shared libraries (OpenSSL, GnuTLS via librtmp, Kerberos, LDAP, …) whose loading
// and relocation cost ~3.5 ms of CPU at every process start. Commands that never touch the network
// (completion, help, jp, offline can-i) skip that cost entirely, and commands that do start loading it on
// a background thread at startup (gr_curl_preload) while the main thread parses arguments and kubeconfig.
//
// Everything else is a thin typed pass-through: `curl_easy_setopt`, `curl_easy_getinfo` and
// `curl_multi_setopt` are C variadic functions, which Swift cannot call (swift-feasibility.md §a.3).
// No policy lives in C. Call gr_curl_load() successfully before any other
// gr_ function that takes or returns a curl handle.
#pragma once
#include <curl/curl.h>
#include <stddef.h>

/// Loads libcurl and runs `curl_global_init(CURL_GLOBAL_DEFAULT)`, exactly once per process (thread-safe;
/// waits for a load already started by gr_curl_preload). Returns 0 on success, -1 when libcurl cannot be
/// loaded or initialised (gr_curl_load_error() says why).
int gr_curl_load(void);

/// Starts gr_curl_load() on a detached background thread and returns at once.
void gr_curl_preload(void);

/// Whether a command line (the words after the program name) names a command that contacts the API
/// server: `whoami`, or `can-i` without `--offline`; never with -h/--help, before `--`, or for the hidden
/// `__complete` protocol commands. A cheap look at the words, not a parse: a wrong guess costs only the
/// overlap (or a few milliseconds of background CPU), never correctness. Used by the executable's
/// start-up code (GuardrailStartup) to decide whether to call gr_curl_preload() before `main`.
int gr_command_line_talks_to_cluster(int count, char *const *words);

/// Why gr_curl_load() failed: one line without secrets (empty when it did not fail).
const char *gr_curl_load_error(void);

CURL *gr_easy_init(void);
void gr_easy_cleanup(CURL *handle);
const char *gr_easy_strerror(CURLcode code);

CURLcode gr_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode gr_easy_setopt_ptr(CURL *handle, CURLoption option, const void *value);
CURLcode gr_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
/// Sets a `struct curl_blob` option (CAINFO_BLOB, SSLCERT_BLOB, SSLKEY_BLOB) with CURL_BLOB_COPY, so
/// libcurl keeps its own copy and the caller's bytes may be freed right away.
CURLcode gr_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);

typedef size_t (*gr_data_callback)(char *data, size_t size, size_t count, void *userdata);
CURLcode gr_easy_setopt_write_function(CURL *handle, gr_data_callback callback);
CURLcode gr_easy_setopt_header_function(CURL *handle, gr_data_callback callback);

CURLcode gr_easy_getinfo_long(CURL *handle, CURLINFO info, long *out);
CURLcode gr_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *out);
CURLcode gr_easy_getinfo_string(CURL *handle, CURLINFO info, const char **out);

struct curl_slist *gr_slist_append(struct curl_slist *list, const char *line);
void gr_slist_free_all(struct curl_slist *list);

CURLM *gr_multi_init(void);
CURLMcode gr_multi_cleanup(CURLM *multi);
CURLMcode gr_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode gr_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode gr_multi_perform(CURLM *multi, int *running);
CURLMcode gr_multi_poll(CURLM *multi, int timeout_ms);
CURLMcode gr_multi_wakeup(CURLM *multi);
CURLMcode gr_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
/// Reads the next finished transfer from `curl_multi_info_read`: returns 1 and fills `easy` and
/// `result` when there is one, 0 when there are no more messages.
int gr_multi_next_done(CURLM *multi, CURL **easy, CURLcode *result);

/// The size of the error buffer for CURLOPT_ERRORBUFFER (CURL_ERROR_SIZE is a macro).
enum { GR_CURL_ERROR_SIZE = CURL_ERROR_SIZE };

/// The process environment (`environ`), for building an exec credential plugin's environment: Swift 6
/// refuses to read the C global directly because it is shared mutable state.
char *const *gr_process_environment(void);

/// Names the calling thread (Linux: `pthread_setname_np`, at most 15 bytes), for debuggers and `top -H`.
void gr_set_current_thread_name(const char *name);

