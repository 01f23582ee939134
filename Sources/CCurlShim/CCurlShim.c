#define _GNU_SOURCE
#include "CCurlShim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// The libcurl entry points the project uses, typed from <curl/curl.h> itself so a signature can never
// drift from the header.
static struct {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
    __typeof__(curl_multi_init) *multi_init;
    __typeof__(curl_multi_cleanup) *multi_cleanup;
    __typeof__(curl_multi_add_handle) *multi_add_handle;
    __typeof__(curl_multi_remove_handle) *multi_remove_handle;
    __typeof__(curl_multi_perform) *multi_perform;
    __typeof__(curl_multi_poll) *multi_poll;
    __typeof__(curl_multi_wakeup) *multi_wakeup;
    __typeof__(curl_multi_setopt) *multi_setopt;
    __typeof__(curl_multi_info_read) *multi_info_read;
} gr_curl;

static pthread_once_t gr_load_once = PTHREAD_ONCE_INIT;
static void *gr_library = NULL;
static int gr_load_status = -1;
static char gr_load_message[512];

static void gr_do_load(void) {
    // The soname first (what linking against libcurl4-openssl-dev would have recorded), then the
    // development symlink, then macOS names.
    static const char *const names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib", NULL};
    void *library = NULL;
    // The first failure's reason, copied at once: dlerror's string does not survive the next dlopen.
    char why[256] = "";
    for (int i = 0; names[i] != NULL && library == NULL; i++) {
        library = dlopen(names[i], RTLD_LAZY | RTLD_LOCAL);
        if (library == NULL) {
            const char *error = dlerror();
            if (why[0] == '\0' && error != NULL) snprintf(why, sizeof why, "%s", error);
        }
    }
    if (library == NULL) {
        snprintf(gr_load_message, sizeof gr_load_message,
                 "libcurl could not be loaded (%s); install the system libcurl (Debian/Ubuntu: apt-get install libcurl4)",
                 why[0] != '\0' ? why : "libcurl.so.4 not found");
        return;
    }
#define GR_LOAD(field, symbol)                                                                                  \
    if ((gr_curl.field = (__typeof__(gr_curl.field))dlsym(library, #symbol)) == NULL) {                         \
        snprintf(gr_load_message, sizeof gr_load_message,                                                      \
                 "the system libcurl is too old: it lacks %s (libcurl 7.68 or newer is needed)", #symbol);     \
        return;                                                                                                 \
    }
    GR_LOAD(global_init, curl_global_init)
    GR_LOAD(easy_init, curl_easy_init)
    GR_LOAD(easy_cleanup, curl_easy_cleanup)
    GR_LOAD(easy_strerror, curl_easy_strerror)
    GR_LOAD(easy_setopt, curl_easy_setopt)
    GR_LOAD(easy_getinfo, curl_easy_getinfo)
    GR_LOAD(slist_append, curl_slist_append)
    GR_LOAD(slist_free_all, curl_slist_free_all)
    GR_LOAD(multi_init, curl_multi_init)
    GR_LOAD(multi_cleanup, curl_multi_cleanup)
    GR_LOAD(multi_add_handle, curl_multi_add_handle)
    GR_LOAD(multi_remove_handle, curl_multi_remove_handle)
    GR_LOAD(multi_perform, curl_multi_perform)
    GR_LOAD(multi_poll, curl_multi_poll)
    GR_LOAD(multi_wakeup, curl_multi_wakeup)
    GR_LOAD(multi_setopt, curl_multi_setopt)
    GR_LOAD(multi_info_read, curl_multi_info_read)
#undef GR_LOAD
    gr_library = library;
    CURLcode result = gr_curl.global_init(CURL_GLOBAL_DEFAULT);
    if (result != CURLE_OK) {
        snprintf(gr_load_message, sizeof gr_load_message, "libcurl could not be initialised: %s",
                 gr_curl.easy_strerror(result));
        return;
    }
    gr_load_status = 0;
}

int gr_curl_load(void) {
    pthread_once(&gr_load_once, gr_do_load);
    return gr_load_status;
}

// OpenSSL seeds its random generator on first use (fetching and instantiating the DRBG: ~1 ms), which
// libcurl does at the start of the first TLS connection, on the critical path of every command. The
// preload thread does it right after loading — after the waiters are released, so it never delays them;
// OpenSSL's own locking makes a connection that starts meanwhile wait for (not repeat) the seeding. Only
// when libcurl is built with OpenSSL (the symbol is looked up among libcurl's own dependencies); nothing
// else of OpenSSL is used directly, and all HTTP still goes through libcurl.
static void gr_seed_openssl_random(void *library) {
    int (*rand_status)(void) = (int (*)(void))dlsym(library, "RAND_status");
    if (rand_status != NULL) (void)rand_status();
}

static void *gr_preload_thread(void *unused) {
    (void)unused;
    gr_set_current_thread_name("guardrail-load");
    if (gr_curl_load() == 0) gr_seed_openssl_random(gr_library);
    return NULL;
}

void gr_curl_preload(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    // Without a thread the first request simply loads libcurl itself.
    (void)pthread_create(&thread, &attributes, gr_preload_thread, NULL);
    pthread_attr_destroy(&attributes);
}

int gr_command_line_talks_to_cluster(int count, char *const *words) {
    if (count < 1 || words[0] == NULL || strncmp(words[0], "__", 2) == 0) return 0;
    int command = 0;
    for (int i = 0; i < count && words[i] != NULL; i++) {
        const char *word = words[i];
        if (strcmp(word, "--") == 0) break;
        if (strcmp(word, "-h") == 0 || strcmp(word, "--help") == 0 || strncmp(word, "--offline", 9) == 0) return 0;
        if (strcmp(word, "whoami") == 0 || strcmp(word, "can-i") == 0) command = 1;
    }
    return command;
}

const char *gr_curl_load_error(void) { return gr_load_status == 0 ? "" : gr_load_message; }

CURL *gr_easy_init(void) { return gr_curl.easy_init(); }
void gr_easy_cleanup(CURL *h) { gr_curl.easy_cleanup(h); }
const char *gr_easy_strerror(CURLcode code) { return gr_curl.easy_strerror(code); }

CURLcode gr_easy_setopt_long(CURL *h, CURLoption o, long v) { return gr_curl.easy_setopt(h, o, v); }
CURLcode gr_easy_setopt_ptr(CURL *h, CURLoption o, const void *v) { return gr_curl.easy_setopt(h, o, v); }
CURLcode gr_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return gr_curl.easy_setopt(h, o, v); }

CURLcode gr_easy_setopt_blob(CURL *h, CURLoption o, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return gr_curl.easy_setopt(h, o, &blob);
}

CURLcode gr_easy_setopt_write_function(CURL *h, gr_data_callback cb) {
    return gr_curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, cb);
}

CURLcode gr_easy_setopt_header_function(CURL *h, gr_data_callback cb) {
    return gr_curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, cb);
}

CURLcode gr_easy_getinfo_long(CURL *h, CURLINFO i, long *out) { return gr_curl.easy_getinfo(h, i, out); }
CURLcode gr_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out) { return gr_curl.easy_getinfo(h, i, out); }
CURLcode gr_easy_getinfo_string(CURL *h, CURLINFO i, const char **out) { return gr_curl.easy_getinfo(h, i, out); }

struct curl_slist *gr_slist_append(struct curl_slist *list, const char *line) {
    return gr_curl.slist_append(list, line);
}
void gr_slist_free_all(struct curl_slist *list) {
    // Callable before libcurl is loaded (a transfer that never started has nothing to free).
    if (list != NULL) gr_curl.slist_free_all(list);
}

CURLM *gr_multi_init(void) { return gr_curl.multi_init(); }
CURLMcode gr_multi_cleanup(CURLM *m) { return gr_curl.multi_cleanup(m); }
CURLMcode gr_multi_add_handle(CURLM *m, CURL *h) { return gr_curl.multi_add_handle(m, h); }
CURLMcode gr_multi_remove_handle(CURLM *m, CURL *h) { return gr_curl.multi_remove_handle(m, h); }
CURLMcode gr_multi_perform(CURLM *m, int *running) { return gr_curl.multi_perform(m, running); }
CURLMcode gr_multi_poll(CURLM *m, int timeout_ms) { return gr_curl.multi_poll(m, NULL, 0, timeout_ms, NULL); }
CURLMcode gr_multi_wakeup(CURLM *m) { return gr_curl.multi_wakeup(m); }
CURLMcode gr_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return gr_curl.multi_setopt(m, o, v); }

int gr_multi_next_done(CURLM *multi, CURL **easy, CURLcode *result) {
    int remaining = 0;
    CURLMsg *msg;
    while ((msg = gr_curl.multi_info_read(multi, &remaining)) != NULL) {
        if (msg->msg == CURLMSG_DONE) {
            *easy = msg->easy_handle;
            *result = msg->data.result;
            return 1;
        }
    }
    return 0;
}

extern char **environ;
char *const *gr_process_environment(void) { return environ; }

void gr_set_current_thread_name(const char *name) {
#if defined(__linux__)
    pthread_setname_np(pthread_self(), name);
#else
    (void)name;
#endif
}

