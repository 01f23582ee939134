#!/usr/bin/env bash
# Builds the kubectl-guardrail release archive(s) for krew and fills the krew manifest with their checksums.
#
#   scripts/release.sh VERSION [--binary FILE] [--platform OS/ARCH] [--archive OS/ARCH=FILE]...
#                              [--partial] [--out DIR]
#
# - Builds the release binary for THIS machine's platform (swift build -c release, static Swift stdlib on
#   Linux), or packs --binary FILE instead (then --platform says which platform it is for).
# - Packs kubectl-guardrail_VERSION_OS_ARCH.tar.gz containing kubectl-guardrail and LICENSE, reproducibly
#   (sorted entries, owner 0, fixed mtime from SOURCE_DATE_EPOCH or the last commit, gzip -n).
# - Archives for platforms this machine cannot build (darwin from Linux, arm64 from amd64) are INPUTS:
#   build them on that platform with this same script and pass them with --archive OS/ARCH=FILE.
#   A platform without an archive is never given a made-up checksum: the script stops, or with --partial
#   leaves that platform out of the manifest and says so.
# - Writes OUT/VERSION/guardrail.yaml from plugin-manifest/guardrail.yaml (the template) with the URIs and
#   the lowercase sha256 of exactly the archives next to it. Upload those archives to the GitHub release
#   VERSION, then submit the manifest to krew-index.
set -euo pipefail

usage() {
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

die() {
    echo "error: $*" >&2
    exit 2
}

repo=$(cd "$(dirname "$0")/.." && pwd)
platforms=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64)

version=""
binary=""
platform=""
partial=0
out="$repo/dist"
declare -A archives=()

while (($#)); do
    case $1 in
        --binary) binary=${2:?--binary needs a file}; shift 2 ;;
        --platform) platform=${2:?--platform needs OS/ARCH}; shift 2 ;;
        --archive)
            spec=${2:?--archive needs OS/ARCH=FILE}
            [[ $spec == */*=* ]] ||
                die "--archive $spec: expected OS/ARCH=FILE," \
                    "e.g. darwin/arm64=kubectl-guardrail_v0.1.0_darwin_arm64.tar.gz"
            archives[${spec%%=*}]=${spec#*=}
            shift 2 ;;
        --partial) partial=1; shift ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "error: unknown flag $1" >&2; usage ;;
        *) [[ -z $version ]] || usage; version=$1; shift ;;
    esac
done

[[ -n $version ]] || usage
# krew: spec.version must start with "v" and be a semantic version (k8s.io/apimachinery ParseSemantic).
number='(0|[1-9][0-9]*)'
identifiers='[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*'
semver="^v$number\\.$number\\.$number(-$identifiers)?(\\+$identifiers)?\$"
[[ $version =~ $semver ]] || die "version $version: must look like v1.2.3 (krew requires a leading v and semver)"

host_platform() {
    local os arch
    case $(uname -s) in Linux) os=linux ;; Darwin) os=darwin ;; *) die "unsupported build OS $(uname -s)" ;; esac
    case $(uname -m) in
        x86_64|amd64) arch=amd64 ;;
        aarch64|arm64) arch=arm64 ;;
        *) die "unsupported CPU $(uname -m)" ;;
    esac
    echo "$os/$arch"
}

for p in "${!archives[@]}"; do
    [[ " ${platforms[*]} " == *" $p "* ]] || die "--archive $p: krew platforms here are ${platforms[*]}"
    [[ -f ${archives[$p]} ]] || die "--archive $p=${archives[$p]}: no such file"
done

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

mkdir -p "$out/$version"
out=$(cd "$out/$version" && pwd)

# 1. The binary for this machine (unless every platform's archive was given).
platform=${platform:-$(host_platform)}
[[ " ${platforms[*]} " == *" $platform "* ]] || die "--platform $platform: expected one of ${platforms[*]}"
missing=()
for p in "${platforms[@]}"; do
    [[ -n ${archives[$p]:-} || $p == "$platform" ]] || missing+=("$p")
done
if ((${#missing[@]})) && ((!partial)); then
    die "no archive for ${missing[*]}; build each on its platform with this script and pass" \
        "--archive OS/ARCH=FILE, or pass --partial to leave them out"
fi

if [[ -z ${archives[$platform]:-} ]]; then
    if [[ -z $binary ]]; then
        [[ $platform == "$(host_platform)" ]] ||
            die "cannot build $platform on $(host_platform); pass --binary or --archive"
        static=()
        [[ $platform == linux/* ]] && static=(--static-swift-stdlib)
        echo "building kubectl-guardrail (release${static:+, static Swift stdlib}) ..." >&2
        (cd "$repo" && swift build -c release "${static[@]}" --product kubectl-guardrail >&2)
        binary="$(cd "$repo" && swift build -c release "${static[@]}" --show-bin-path)/kubectl-guardrail"
    fi
    [[ -x $binary ]] || die "--binary $binary: not an executable file"

    # 2. The archive: exactly kubectl-guardrail and LICENSE at the top level (krew's files: entries).
    stage=$(mktemp -d)
    trap 'rm -rf "$stage"' EXIT
    install -m 0755 "$binary" "$stage/kubectl-guardrail"
    install -m 0644 "$repo/LICENSE" "$stage/LICENSE"
    mtime=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 0)}
    name="kubectl-guardrail_${version}_${platform%/*}_${platform#*/}.tar.gz"
    if tar --version 2>/dev/null | grep -q 'GNU tar'; then
        tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
            -C "$stage" -cf - LICENSE kubectl-guardrail \
            | gzip -n -9 >"$out/$name"
    else
        # bsdtar (macOS): no --sort/--mtime, so the archive is not byte-reproducible there.
        tar -C "$stage" -cf - LICENSE kubectl-guardrail | gzip -n -9 >"$out/$name"
    fi
    archives[$platform]="$out/$name"
    echo "packed $out/$name" >&2
    if [[ $platform == linux/* && $platform == "$(host_platform)" ]] && command -v readelf >/dev/null; then
        needed=$( (readelf -d "$stage/kubectl-guardrail" 2>/dev/null || true) |
            sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
        # libcurl.so.4 is not among them: CCurlShim opens it with dlopen when a command first needs it.
        echo "  needs shared libraries: $needed+ libcurl.so.4 at run time" \
            "(the manifest caveats must name the non-libc ones)" >&2
        if [[ $needed == *libswiftCore* ]]; then
            echo "  warning: links the Swift runtime dynamically;" \
                "krew users without a Swift toolchain cannot run it" >&2
        fi
    fi
fi

# 3. Checksums of exactly the archives the manifest will point at.
declare -A sums=()
for p in "${platforms[@]}"; do
    file=${archives[$p]:-}
    [[ -n $file ]] || continue
    expected="kubectl-guardrail_${version}_${p%/*}_${p#*/}.tar.gz"
    if [[ $(cd "$(dirname "$file")" && pwd)/$(basename "$file") != "$out/$expected" ]]; then
        cp "$file" "$out/$expected"
    fi
    gzip -t "$out/$expected" 2>/dev/null || die "$file: not a gzip archive (krew accepts .tar.gz or .zip)"
    listing=$(tar -tzf "$out/$expected")
    grep -qx 'LICENSE' <<<"$listing" || die "$file: has no LICENSE at the top level (krew requires a license file)"
    grep -qx 'kubectl-guardrail' <<<"$listing" || die "$file: has no kubectl-guardrail at the top level"
    sums[$p]=$(sha256 "$out/$expected" | tr 'A-F' 'a-f')
done

if ((${#missing[@]})); then
    echo "note: no archive for ${missing[*]}: left out of the manifest (build them there and pass --archive)" >&2
fi

# 4. The manifest: the template with the version and checksums, platforms without an archive dropped.
awk -v version="$version" -v have="$(for p in "${!sums[@]}"; do printf '%s=%s ' "$p" "${sums[$p]}"; done)" '
    BEGIN {
        n = split(have, pairs, " ")
        for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); sum[kv[1]] = kv[2] }
        print "# Generated by scripts/release.sh " version " from plugin-manifest/guardrail.yaml."
    }
    /^#/ && !started { next }
    { started = 1 }
    function flush() {
        if (block != "" && ((os "/" arch) in sum)) {
            gsub("@SHA256_" os "_" arch "@", sum[os "/" arch], block)
            printf "%s", block
        }
        block = ""; os = ""; arch = ""
    }
    /^  - selector:/ { flush(); inblock = 1 }
    inblock && /^        os:/ { os = $2 }
    inblock && /^        arch:/ { arch = $2 }
    {
        gsub("@VERSION@", version)
        if (inblock) { block = block $0 "\n" } else { print }
    }
    END { flush() }
' "$repo/plugin-manifest/guardrail.yaml" >"$out/guardrail.yaml"

if grep -q '@SHA256_\|@VERSION@' "$out/guardrail.yaml"; then
    die "internal: unfilled placeholders left in $out/guardrail.yaml"
fi
echo "wrote $out/guardrail.yaml for: ${!sums[*]}" >&2
echo "$out/guardrail.yaml"
