#!/usr/bin/env bash
# Builds the app's container image with the SDK (dotnet publish /t:PublishContainer, no Docker engine) into a tarball.
#
#   deploy/container/build-image.sh [output.tar]      (default artifacts/container/oppfolging.tar)
#
# Base image: CASEMANAGEMENT_BASE_IMAGE when set (production: mcr.microsoft.com/dotnet/aspnet:10.0, or your registry's
# mirror of it). Otherwise a local stand-in built from Debian packages and the SDK's own runtimes
# (deploy/container/local-base.py), served on 127.0.0.1 for the length of the publish: for machines that reach only
# the Debian and NuGet registries. Idempotent: the stand-in, the downloaded packages and the build output are cached
# in CASEMANAGEMENT_IMAGE_CACHE (default ~/.cache/casemanagement/container); the tarball is replaced.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
output="$(realpath -m "${1:-artifacts/container/oppfolging.tar}")"
cache="${CASEMANAGEMENT_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/casemanagement/container}"
mkdir -p "$cache" "$(dirname "$output")"

server=""
work="$(mktemp -d)"
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

base="${CASEMANAGEMENT_BASE_IMAGE:-}"
if [ -z "$base" ]; then
  for tool in apt-get dpkg-deb python3; do
    command -v "$tool" >/dev/null || { echo "build-image.sh: $tool is needed for the local base image" >&2; exit 3; }
  done
  read -r layout version < <(python3 deploy/container/local-base.py build --cache "$cache")
  python3 deploy/container/local-base.py serve --layout "$layout" --port-file "$work/port" &
  server=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  [ -s "$work/port" ] || { echo "build-image.sh: the local registry did not start" >&2; exit 1; }
  base="localhost:$(cat "$work/port")/oppfolging/aspnet-base:$version"
  # Plain http on loopback only.
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="localhost:$(cat "$work/port")"
fi

# The build output lives in the cache (one folder per checkout), not in src/*/bin and obj, so a running test build
# is not disturbed and a second run is incremental.
artifacts="$cache/build/$(printf '%s' "$repo" | sha256sum | cut -c1-12)"
rm -f "$output"
dotnet publish src/CaseManagement.Web -c Release -nologo -v q \
  --artifacts-path "$artifacts" \
  -t:PublishContainer \
  -p:ContainerBaseImage="$base" \
  -p:ContainerArchiveOutputPath="$output"
[ -s "$output" ] || { echo "build-image.sh: no image at $output" >&2; exit 1; }
echo "$output"
