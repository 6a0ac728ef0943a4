// The compiled peer of the benchmark: the engine's multi-source search on the very same graph and
// seeds, by the Boost Graph Library (Debian's libboost-graph-dev), built with g++ -O2 by the bench.
//
// Usage: bgl_dijkstra INPUT.bin OUTPUT.bin RUNS
// Input (little-endian): int32 nodeCount, int32 arcCount, int32 seedCount, float64 bound,
//   int32 offsets[nodeCount + 1], int32 targets[arcCount], float64 lengths[arcCount],
//   int32 seedNode[seedCount], float64 seedDistance[seedCount]   (the engine's CSR and SourceSeeds)
// Output: float64 distance[nodeCount] (infinity beyond the bound); stdout: JSON timings.
//
// Seeds enter through one extra super-source joined to each seed node by an arc of the seed's cost,
// the usual way to run a multi-source search with BGL's single-source Dijkstra. The search stops at
// the first vertex popped beyond the bound, as the engine's does (a visitor that throws).
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/version.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <vector>

struct Arc { double length; };
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

struct BeyondBound {};

struct BoundedVisitor : boost::default_dijkstra_visitor {
	const std::vector<double>* distance;
	double bound;
	void examine_vertex(Vertex u, const Graph&) const {
		if ((*distance)[u] > bound) throw BeyondBound();
	}
};

template <typename T> static void readInto(std::FILE* file, std::vector<T>& values, size_t count) {
	values.resize(count);
	if (count && std::fread(values.data(), sizeof(T), count, file) != count) throw std::runtime_error("input ends early");
}

static double secondsSince(std::chrono::steady_clock::time_point start) {
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int main(int argc, char** argv) {
	if (argc != 4) { std::fprintf(stderr, "usage: bgl_dijkstra INPUT.bin OUTPUT.bin RUNS\n"); return 2; }
	std::FILE* in = std::fopen(argv[1], "rb");
	if (!in) { std::perror(argv[1]); return 1; }
	int32_t header[3];
	double bound;
	if (std::fread(header, sizeof(int32_t), 3, in) != 3 || std::fread(&bound, sizeof(double), 1, in) != 1) { std::fprintf(stderr, "bad header\n"); return 1; }
	const int32_t nodeCount = header[0], arcCount = header[1], seedCount = header[2];
	std::vector<int32_t> offsets, targets, seedNode;
	std::vector<double> lengths, seedDistance;
	readInto(in, offsets, nodeCount + 1);
	readInto(in, targets, arcCount);
	readInto(in, lengths, arcCount);
	readInto(in, seedNode, seedCount);
	readInto(in, seedDistance, seedCount);
	std::fclose(in);

	auto buildStart = std::chrono::steady_clock::now();
	// Arcs in CSR order, then the super-source's (its index is the largest, so the list stays sorted).
	const Vertex superSource = nodeCount;
	std::vector<std::pair<Vertex, Vertex>> arcs;
	std::vector<Arc> arcProperties;
	arcs.reserve(arcCount + seedCount);
	arcProperties.reserve(arcCount + seedCount);
	for (int32_t node = 0; node < nodeCount; node++)
		for (int32_t arc = offsets[node]; arc < offsets[node + 1]; arc++) {
			arcs.emplace_back(node, targets[arc]);
			arcProperties.push_back({lengths[arc]});
		}
	for (int32_t seed = 0; seed < seedCount; seed++) {
		arcs.emplace_back(superSource, seedNode[seed]);
		arcProperties.push_back({seedDistance[seed]});
	}
	Graph graph(boost::edges_are_sorted, arcs.begin(), arcs.end(), arcProperties.begin(), nodeCount + 1);
	const double buildSeconds = secondsSince(buildStart);

	const int runs = std::max(1, std::atoi(argv[3]));
	std::vector<double> distance(nodeCount + 1);
	std::vector<Vertex> predecessor(nodeCount + 1);
	std::vector<double> searchSeconds;
	for (int run = 0; run < runs; run++) {
		auto start = std::chrono::steady_clock::now();
		BoundedVisitor visitor;
		visitor.distance = &distance;
		visitor.bound = bound;
		try {
			const auto index = boost::get(boost::vertex_index, graph);
			boost::dijkstra_shortest_paths(graph, superSource,
				boost::predecessor_map(boost::make_iterator_property_map(predecessor.begin(), index))
					.distance_map(boost::make_iterator_property_map(distance.begin(), index))
					.weight_map(boost::get(&Arc::length, graph))
					.visitor(visitor));
		} catch (const BeyondBound&) {
		}
		searchSeconds.push_back(secondsSince(start));
	}
	std::sort(searchSeconds.begin(), searchSeconds.end());

	const double infinity = std::numeric_limits<double>::infinity();
	for (int32_t node = 0; node < nodeCount; node++)
		if (distance[node] > bound) distance[node] = infinity; // discovered but beyond the bound: not reached
	std::FILE* out = std::fopen(argv[2], "wb");
	if (!out || std::fwrite(distance.data(), sizeof(double), nodeCount, out) != static_cast<size_t>(nodeCount)) { std::perror(argv[2]); return 1; }
	std::fclose(out);
	std::printf("{\"boost\":\"%d.%d.%d\",\"graph_build_s\":%.6f,\"search_median_s\":%.6f,\"runs\":%d}\n", BOOST_VERSION / 100000,
		BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100, buildSeconds, searchSeconds[searchSeconds.size() / 2], runs);
	return 0;
}
