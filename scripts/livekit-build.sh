#!/usr/bin/env bash
# Builds the pinned LiveKit server and LiveKit SIP (tools/livekit/*/go.mod) from the Go module proxy into
# .tmp/bin/, once: a stamp of go.mod + go.sum + the Go version skips the build while nothing changed.
# Users who install LiveKit's release binaries instead put them on PATH (or set LIVEKIT_BIN_DIR); this script is
# the fallback that needs only Go and the Debian packages listed below.
#
#   bash scripts/livekit-build.sh            build if missing or stale
#   bash scripts/livekit-build.sh --force    rebuild
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.tmp/bin"
mkdir -p "$out"

if ! command -v go >/dev/null 2>&1; then
  echo "[livekit-build] go is not installed: cannot build livekit-server / livekit-sip" >&2
  exit 1
fi
# LiveKit SIP links libopus/libopusfile/libsoxr through cgo.
for lib in opus opusfile soxr; do
  if ! pkg-config --exists "$lib" 2>/dev/null; then
    echo "[livekit-build] pkg-config cannot find $lib (apt-get install pkg-config libopus-dev libopusfile-dev libsoxr-dev)" >&2
    exit 1
  fi
done

build() { # name dir main-package
  local name="$1" dir="$root/tools/livekit/$2" pkg="$3"
  local stamp
  stamp="$(cat "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-16)-$(go env GOVERSION)"
  if [ "${FORCE:-0}" != "1" ] && [ -x "$out/$name" ] && [ "$(cat "$out/$name.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "[livekit-build] $name is up to date ($out/$name)"
    return
  fi
  echo "[livekit-build] building $name from $pkg (first build downloads modules: a few minutes)"
  local started=$SECONDS
  (cd "$dir" && CGO_ENABLED=1 go build -mod=readonly -o "$out/$name.tmp" "$pkg")
  mv "$out/$name.tmp" "$out/$name"
  echo "$stamp" > "$out/$name.stamp"
  echo "[livekit-build] $name built in $((SECONDS - started)) s"
}

[ "${1:-}" = "--force" ] && FORCE=1
build livekit-server server github.com/livekit/livekit-server/cmd/server
build livekit-sip sip github.com/livekit/sip/cmd/livekit-sip
"$out/livekit-server" --version
