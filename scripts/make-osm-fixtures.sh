#!/usr/bin/env bash
# Converts the hand-made OSM XML fixture to .osm.pbf with Debian's osmium-tool (zlib and uncompressed
# blobs, dense nodes). The .pbf files are committed, so the tests need no osmium.
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/osm"
command -v osmium >/dev/null || { apt-get update -qq && apt-get install -y -qq osmium-tool >/dev/null; }
osmium cat walk.osm -o walk.osm.pbf --overwrite
osmium cat walk.osm -o walk-uncompressed.osm.pbf -f pbf,pbf_compression=none --overwrite
