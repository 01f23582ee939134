#!/bin/sh
# Regenerates the X.509 fixtures of IdentityTests with the openssl CLI (OpenSSL 3.x).
# Dates are fixed (openssl ca -startdate/-enddate) so the tests can assert them; the expected values
# are also written by openssl itself into *.expected (subject and notAfter as openssl prints them).
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = fixture
[ fixture ]
dir = $work
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = optional
organizationName = optional
[ client ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
CNF
: > "$work/index.txt"
echo 1000 > "$work/serial"

# The cluster CA, as kubeadm names it.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out ca.pem -days 3650 -subj "/CN=kubernetes" 2>/dev/null

issue() { # name subject keyspec startdate enddate
    name=$1 subject=$2 keyspec=$3 start=$4 end=$5
    openssl req -new -newkey "$keyspec" -nodes -keyout "$work/$name.key" -out "$work/$name.csr" -utf8 \
        -subj "$subject" 2>/dev/null
    openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile "$work/ca.key" -in "$work/$name.csr" \
        -out "$work/$name.crt" -extensions client -startdate "$start" -enddate "$end" -notext -utf8 2>/dev/null
    openssl x509 -in "$work/$name.crt" -out "$name.pem"
    {
        openssl x509 -in "$name.pem" -noout -subject -nameopt RFC2253,-esc_msb
        openssl x509 -in "$name.pem" -noout -enddate
        openssl x509 -in "$name.pem" -noout -fingerprint -sha256
    } > "$name.expected"
}

# kubeadm ≥ 1.29 admin.conf: RSA key, UTCTime validity.
issue kubeadm-admin "/O=kubeadm:cluster-admins/CN=kubernetes-admin" rsa:2048 250101000000Z 270101000000Z
# super-admin.conf: EC P-256 key, notAfter after 2049 so it is encoded as GeneralizedTime.
openssl ecparam -name prime256v1 -out "$work/p256.param"
issue super-admin "/O=system:masters/CN=kubernetes-super-admin" ec:"$work/p256.param" 250101000000Z 20510615123045Z
# Several organizations and a non-ASCII common name (UTF8String).
issue multi-org "/O=team-a/O=team-b/O=system:authenticated/CN=jürgen" rsa:2048 240301000000Z 250301000000Z

# Garbage: a PEM envelope around random bytes, and a real certificate cut in half.
{ echo "-----BEGIN CERTIFICATE-----"; head -c 600 /dev/urandom | base64; echo "-----END CERTIFICATE-----"; } > garbage.pem
{ head -n 8 kubeadm-admin.pem; echo "-----END CERTIFICATE-----"; } > truncated.pem
