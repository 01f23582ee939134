// TLS for KubeTestServer through the system OpenSSL (libssl-dev), with blocking sockets. OpenSSL's
// types stay inside the .c file: Swift sees only these opaque handles and plain C types.
// TEST SUPPORT ONLY: the production client never links this.
#pragma once
#include <stddef.h>

typedef struct kts_context kts_context;
typedef struct kts_connection kts_connection;

/// A server TLS context from PEM text. With `client_ca_pem`, client certificates signed by that CA are
/// requested (and verified when sent); `require_client_cert` makes them mandatory.
/// The server speaks HTTP/1.1 only and offers no ALPN, so clients fall back from h2. NULL + message on error.
kts_context *kts_context_new(const char *cert_pem, const char *key_pem, const char *client_ca_pem,
                             int require_client_cert, char *error, size_t error_length);
void kts_context_free(kts_context *context);

/// Runs the server side of the handshake on connected socket `fd` (blocking). NULL + message on error.
kts_connection *kts_accept(kts_context *context, int fd, char *error, size_t error_length);
/// Reads up to `length` bytes: > 0 bytes read, 0 end of stream, -1 error or timeout.
long kts_read(kts_connection *connection, void *buffer, size_t length);
/// Writes all `length` bytes: `length` on success, -1 on error.
long kts_write(kts_connection *connection, const void *buffer, size_t length);
/// The verified client certificate: returns 1 and fills the common name, the organizations joined by
/// '\n' and the lowercase hex SHA-256 of the DER certificate (65 bytes with NUL); 0 when none was sent.
int kts_peer_identity(kts_connection *connection, char *common_name, size_t common_name_length,
                      char *organizations, size_t organizations_length, char *sha256_hex);
/// The negotiated TLS version, e.g. "TLSv1.3".
const char *kts_protocol(kts_connection *connection);
/// Sends close_notify and frees the connection (the caller closes the socket).
void kts_connection_free(kts_connection *connection);
