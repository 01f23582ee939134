// Non-variadic wrappers around libcurl for Swift. `curl_easy_setopt`, `curl_easy_getinfo` and
// `curl_multi_setopt` are C variadic functions, which Swift cannot call (swift-feasibility.md §a.3);
// these typed wrappers forward to them. Everything here is a thin pass-through: no policy lives in C.
#pragma once
#include <curl/curl.h>
#include <stddef.h>

/// Calls `curl_global_init(CURL_GLOBAL_DEFAULT)` exactly once per process (thread-safe).
CURLcode gr_curl_global_init_once(void);

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
