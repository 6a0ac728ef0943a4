#!/usr/bin/env bash
# npm run bench: installs the reference implementation (Debian's python3-networkx) when missing, then benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import networkx' >/dev/null 2>&1; then
	echo "Installing python3-networkx (the reference implementation the benchmark compares against)"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-networkx >/dev/null
fi
# The compiled peer (Boost Graph Library's Dijkstra) is built with g++ by the benchmark itself.
if [ ! -f /usr/include/boost/graph/compressed_sparse_row_graph.hpp ] || ! command -v g++ >/dev/null 2>&1; then
	echo "Installing g++ and libboost-graph-dev (the compiled peer the benchmark compares against)"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ libboost-graph-dev >/dev/null
fi
./node_modules/.bin/tsx scripts/bench.ts "$@"
# Site suggestion (MCLP / LSCP) in its own process: its peak memory is its own.
exec ./node_modules/.bin/tsx scripts/bench/siting.ts "$@"
