#define _GNU_SOURCE
#include "CCurlShim.h"
#include <pthread.h>

static pthread_once_t gr_init_once = PTHREAD_ONCE_INIT;
static CURLcode gr_init_result = CURLE_OK;

static void gr_do_global_init(void) { gr_init_result = curl_global_init(CURL_GLOBAL_DEFAULT); }

CURLcode gr_curl_global_init_once(void) {
    pthread_once(&gr_init_once, gr_do_global_init);
    return gr_init_result;
}

CURLcode gr_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
CURLcode gr_easy_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
CURLcode gr_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }

CURLcode gr_easy_setopt_blob(CURL *h, CURLoption o, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(h, o, &blob);
}

CURLcode gr_easy_setopt_write_function(CURL *h, gr_data_callback cb) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, cb);
}

CURLcode gr_easy_setopt_header_function(CURL *h, gr_data_callback cb) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, cb);
}

CURLcode gr_easy_getinfo_long(CURL *h, CURLINFO i, long *out) { return curl_easy_getinfo(h, i, out); }
CURLcode gr_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out) { return curl_easy_getinfo(h, i, out); }
CURLcode gr_easy_getinfo_string(CURL *h, CURLINFO i, const char **out) { return curl_easy_getinfo(h, i, out); }

CURLMcode gr_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

int gr_multi_next_done(CURLM *multi, CURL **easy, CURLcode *result) {
    int remaining = 0;
    CURLMsg *msg;
    while ((msg = curl_multi_info_read(multi, &remaining)) != NULL) {
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
