#include "CKubeTestTLS.h"
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kts_context { SSL_CTX *ctx; };
struct kts_connection { SSL *ssl; };

static void kts_error(char *error, size_t length, const char *what) {
    unsigned long code = ERR_get_error();
    char detail[256] = "";
    if (code) ERR_error_string_n(code, detail, sizeof detail);
    if (error && length) snprintf(error, length, "%s%s%s", what, code ? ": " : "", detail);
    ERR_clear_error();
}

kts_context *kts_context_new(const char *cert_pem, const char *key_pem, const char *client_ca_pem,
                             int require_client_cert, char *error, size_t error_length) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx) { kts_error(error, error_length, "SSL_CTX_new"); return NULL; }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);

    BIO *bio = BIO_new_mem_buf(cert_pem, -1);
    X509 *cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
    BIO_free(bio);
    if (!cert || SSL_CTX_use_certificate(ctx, cert) != 1) {
        X509_free(cert);
        kts_error(error, error_length, "server certificate");
        SSL_CTX_free(ctx);
        return NULL;
    }
    X509_free(cert);
    bio = BIO_new_mem_buf(key_pem, -1);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    BIO_free(bio);
    if (!key || SSL_CTX_use_PrivateKey(ctx, key) != 1) {
        EVP_PKEY_free(key);
        kts_error(error, error_length, "server key");
        SSL_CTX_free(ctx);
        return NULL;
    }
    EVP_PKEY_free(key);

    if (client_ca_pem) {
        X509_STORE *store = SSL_CTX_get_cert_store(ctx);
        STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
        bio = BIO_new_mem_buf(client_ca_pem, -1);
        X509 *ca;
        int count = 0;
        while ((ca = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
            X509_STORE_add_cert(store, ca);
            sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(ca)));
            X509_free(ca);
            count++;
        }
        BIO_free(bio);
        ERR_clear_error();  // the loop ends with a "no start line" error
        if (count == 0) {
            sk_X509_NAME_pop_free(names, X509_NAME_free);
            if (error && error_length) snprintf(error, error_length, "client CA: no certificate in PEM");
            SSL_CTX_free(ctx);
            return NULL;
        }
        SSL_CTX_set_client_CA_list(ctx, names);
        int mode = SSL_VERIFY_PEER;
        if (require_client_cert) mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
        SSL_CTX_set_verify(ctx, mode, NULL);
    }
    kts_context *context = calloc(1, sizeof *context);
    context->ctx = ctx;
    return context;
}

void kts_context_free(kts_context *context) {
    if (!context) return;
    SSL_CTX_free(context->ctx);
    free(context);
}

kts_connection *kts_accept(kts_context *context, int fd, char *error, size_t error_length) {
    SSL *ssl = SSL_new(context->ctx);
    if (!ssl) { kts_error(error, error_length, "SSL_new"); return NULL; }
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
        kts_error(error, error_length, "handshake");
        SSL_free(ssl);
        return NULL;
    }
    kts_connection *connection = calloc(1, sizeof *connection);
    connection->ssl = ssl;
    return connection;
}

long kts_read(kts_connection *connection, void *buffer, size_t length) {
    size_t done = 0;
    int rc = SSL_read_ex(connection->ssl, buffer, length, &done);
    if (rc == 1) return (long)done;
    int reason = SSL_get_error(connection->ssl, rc);
    ERR_clear_error();
    if (reason == SSL_ERROR_ZERO_RETURN) return 0;
    return -1;
}

long kts_write(kts_connection *connection, const void *buffer, size_t length) {
    size_t total = 0;
    while (total < length) {
        size_t done = 0;
        if (SSL_write_ex(connection->ssl, (const char *)buffer + total, length - total, &done) != 1) {
            ERR_clear_error();
            return -1;
        }
        total += done;
    }
    return (long)total;
}

int kts_peer_identity(kts_connection *connection, char *common_name, size_t common_name_length,
                      char *organizations, size_t organizations_length, char *sha256_hex) {
    X509 *peer = SSL_get1_peer_certificate(connection->ssl);
    if (!peer) return 0;
    if (SSL_get_verify_result(connection->ssl) != X509_V_OK) { X509_free(peer); return 0; }
    X509_NAME *subject = X509_get_subject_name(peer);
    common_name[0] = 0;
    X509_NAME_get_text_by_NID(subject, NID_commonName, common_name, (int)common_name_length);
    organizations[0] = 0;
    size_t used = 0;
    for (int i = -1; (i = X509_NAME_get_index_by_NID(subject, NID_organizationName, i)) >= 0;) {
        X509_NAME_ENTRY *entry = X509_NAME_get_entry(subject, i);
        unsigned char *utf8 = NULL;
        int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
        if (n >= 0) {
            int written = snprintf(organizations + used, organizations_length - used, "%s%s",
                                   used ? "\n" : "", (const char *)utf8);
            if (written > 0 && (size_t)written < organizations_length - used) used += (size_t)written;
        }
        OPENSSL_free(utf8);
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    X509_digest(peer, EVP_sha256(), digest, &digest_length);
    for (unsigned int i = 0; i < digest_length && i < 32; i++) sprintf(sha256_hex + 2 * i, "%02x", digest[i]);
    sha256_hex[2 * (digest_length < 32 ? digest_length : 32)] = 0;
    X509_free(peer);
    return 1;
}

const char *kts_protocol(kts_connection *connection) { return SSL_get_version(connection->ssl); }

void kts_connection_free(kts_connection *connection) {
    if (!connection) return;
    SSL_shutdown(connection->ssl);
    SSL_free(connection->ssl);
    free(connection);
}
