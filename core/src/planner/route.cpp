// SPDX-License-Identifier: GPL-3.0-or-later
// Road distances with Boost.Graph Dijkstra, tour heuristics (nearest neighbour, 2-opt, Or-opt), 1-tree bound.
#include "riskmap/core/planner/route.hpp"

#include "riskmap/core/error.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace riskmap::core::planner {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double straight(const RoutePoint& a, const RoutePoint& b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

}  // namespace

std::vector<std::vector<double>> travelDistances(const std::vector<RoutePoint>& stops, const RoadGraph& graph,
                                                 const RouteSettings& settings)
{
    if (!(settings.detourFactor >= 1.0)) throw InputError("omrijfactor moet minstens 1 zijn");
    const std::size_t n = stops.size();
    Graph g(graph.nodes.size());
    for (const RoadGraph::Edge& e : graph.edges) {
        if (e.from >= graph.nodes.size() || e.to >= graph.nodes.size()) {
            throw InputError("wegennet: verbinding verwijst naar een onbekend knooppunt");
        }
        if (!(e.length >= 0.0)) throw InputError("wegennet: verbinding met negatieve of ongeldige lengte");
        boost::add_edge(e.from, e.to, e.length, g);
    }
    // Snap every stop to its nearest node (linear scan: a day has at most a few dozen stops).
    std::vector<std::optional<std::size_t>> snapNode(n);
    std::vector<double> snapDistance(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        double bestDistance = kInfinity;
        for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
            const double d = straight(stops[i], graph.nodes[v]);
            if (d < bestDistance) {
                bestDistance = d;
                snapNode[i] = v;
            }
        }
        if (bestDistance > settings.maxSnapDistance) snapNode[i].reset();
        else snapDistance[i] = bestDistance;
    }
    std::vector<std::vector<double>> out(n, std::vector<double>(n, 0.0));
    std::vector<double> dist(graph.nodes.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (snapNode[i]) {
            boost::dijkstra_shortest_paths(g, *snapNode[i], boost::distance_map(dist.data()));
        }
        for (std::size_t j = i + 1; j < n; ++j) {
            double d = straight(stops[i], stops[j]) * settings.detourFactor;
            if (snapNode[i] && snapNode[j]) {
                const double network = dist[*snapNode[j]];
                if (network < std::numeric_limits<double>::max() / 2) {
                    d = network + (snapDistance[i] + snapDistance[j]) * settings.detourFactor;
                }
            }
            out[i][j] = out[j][i] = d;
        }
    }
    return out;
}

double tourLength(const std::vector<std::vector<double>>& distances, const std::vector<std::size_t>& order)
{
    if (order.size() < 2) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < order.size(); ++i) sum += distances[order[i]][order[(i + 1) % order.size()]];
    return sum;
}

std::vector<std::size_t> nearestNeighbourTour(const std::vector<std::vector<double>>& distances, std::size_t start)
{
    const std::size_t n = distances.size();
    if (n == 0) return {};
    std::vector<bool> visited(n, false);
    std::vector<std::size_t> order{start};
    visited[start] = true;
    while (order.size() < n) {
        const std::size_t from = order.back();
        std::size_t best = n;
        for (std::size_t j = 0; j < n; ++j) {
            if (!visited[j] && (best == n || distances[from][j] < distances[from][best])) best = j;
        }
        visited[best] = true;
        order.push_back(best);
    }
    return order;
}

void improveTour(const std::vector<std::vector<double>>& d, std::vector<std::size_t>& order)
{
    const std::size_t n = order.size();
    if (n < 4) return;  // every closed tour of 3 stops has the same length
    constexpr double eps = 1e-9;
    auto at = [&](std::size_t i) { return order[i % n]; };
    bool improved = true;
    while (improved) {
        improved = false;
        // 2-opt: reverse order[i+1..j]; position 0 stays fixed.
        for (std::size_t i = 0; i + 2 < n; ++i) {
            for (std::size_t j = i + 2; j < n; ++j) {
                const double before = d[at(i)][at(i + 1)] + d[at(j)][at(j + 1)];
                const double after = d[at(i)][at(j)] + d[at(i + 1)][at(j + 1)];
                if (after + eps < before) {
                    std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i + 1),
                                 order.begin() + static_cast<std::ptrdiff_t>(j + 1));
                    improved = true;
                }
            }
        }
        // Or-opt: move a segment of 1–3 stops (never the first stop) elsewhere, either direction.
        for (std::size_t len = 1; len <= 3 && !improved; ++len) {
            for (std::size_t s = 1; s + len <= n && !improved; ++s) {
                const std::size_t prev = order[s - 1];
                const std::size_t first = order[s];
                const std::size_t last = order[s + len - 1];
                const std::size_t next = order[(s + len) % n];
                const double removeGain = d[prev][first] + d[last][next] - d[prev][next];
                std::vector<std::size_t> rest;
                rest.insert(rest.end(), order.begin(), order.begin() + static_cast<std::ptrdiff_t>(s));
                rest.insert(rest.end(), order.begin() + static_cast<std::ptrdiff_t>(s + len), order.end());
                for (std::size_t k = 0; k < rest.size() && !improved; ++k) {
                    const std::size_t a = rest[k];
                    const std::size_t b = rest[(k + 1) % rest.size()];
                    const double forward = d[a][first] + d[last][b] - d[a][b];
                    const double backward = d[a][last] + d[first][b] - d[a][b];
                    if (std::min(forward, backward) + eps < removeGain) {
                        std::vector<std::size_t> segment(order.begin() + static_cast<std::ptrdiff_t>(s),
                                                         order.begin() + static_cast<std::ptrdiff_t>(s + len));
                        if (backward < forward) std::reverse(segment.begin(), segment.end());
                        rest.insert(rest.begin() + static_cast<std::ptrdiff_t>(k + 1), segment.begin(), segment.end());
                        order = std::move(rest);
                        improved = true;
                    }
                }
            }
        }
    }
}

namespace {

/// A minimum 1-tree on costs d[i][j] + pi[i] + pi[j]: an MST on every stop but `special`, plus
/// the two cheapest edges to `special`. Returns its cost and fills each stop's degree.
double oneTree(const std::vector<std::vector<double>>& d, std::size_t special, const std::vector<double>& pi,
               std::vector<int>& degree)
{
    const std::size_t n = d.size();
    auto cost = [&](std::size_t i, std::size_t j) { return d[i][j] + pi[i] + pi[j]; };
    degree.assign(n, 0);
    // Prim's algorithm on the other stops (dense graph: O(n²)).
    std::vector<double> key(n, kInfinity);
    std::vector<std::size_t> parent(n, n);
    std::vector<bool> inTree(n, false);
    inTree[special] = true;
    key[special == 0 ? 1 : 0] = 0.0;
    double total = 0.0;
    for (std::size_t step = 0; step + 1 < n; ++step) {
        std::size_t u = n;
        for (std::size_t v = 0; v < n; ++v) {
            if (!inTree[v] && (u == n || key[v] < key[u])) u = v;
        }
        inTree[u] = true;
        total += key[u];
        if (parent[u] != n) {
            ++degree[u];
            ++degree[parent[u]];
        }
        for (std::size_t v = 0; v < n; ++v) {
            if (!inTree[v] && cost(u, v) < key[v]) {
                key[v] = cost(u, v);
                parent[v] = u;
            }
        }
    }
    std::size_t first = n, second = n;
    for (std::size_t v = 0; v < n; ++v) {
        if (v == special) continue;
        if (first == n || cost(special, v) < cost(special, first)) {
            second = first;
            first = v;
        } else if (second == n || cost(special, v) < cost(special, second)) {
            second = v;
        }
    }
    total += cost(special, first) + cost(special, second);
    degree[special] = 2;
    ++degree[first];
    ++degree[second];
    return total;
}

}  // namespace

double oneTreeLowerBound(const std::vector<std::vector<double>>& d)
{
    const std::size_t n = d.size();
    if (n < 2) return 0.0;
    if (n == 2) return 2.0 * d[0][1];
    const std::vector<double> zero(n, 0.0);
    std::vector<int> degree;
    double best = 0.0;
    for (std::size_t special = 0; special < n; ++special) best = std::max(best, oneTree(d, special, zero, degree));
    return best;
}

double heldKarpLowerBound(const std::vector<std::vector<double>>& d, double upperBound, int iterations)
{
    const std::size_t n = d.size();
    double best = oneTreeLowerBound(d);
    if (n < 4) return best;  // with 3 stops the 1-tree is the tour
    std::vector<double> pi(n, 0.0);
    std::vector<int> degree;
    double lambda = 2.0;
    int sinceImprovement = 0;
    for (int it = 0; it < iterations && lambda > 1e-6; ++it) {
        const double treeCost = oneTree(d, 0, pi, degree);
        double penaltySum = 0.0;
        for (double p : pi) penaltySum += p;
        const double bound = treeCost - 2.0 * penaltySum;  // valid for every pi
        if (bound > best + 1e-9) {
            best = bound;
            sinceImprovement = 0;
        } else if (++sinceImprovement >= 10) {
            lambda /= 2.0;
            sinceImprovement = 0;
        }
        double norm = 0.0;
        for (int g : degree) norm += static_cast<double>((g - 2) * (g - 2));
        if (norm == 0.0) break;  // the 1-tree is a tour: the bound is the optimum
        const double step = lambda * std::max(upperBound - bound, 1e-9 * std::abs(upperBound)) / norm;
        for (std::size_t i = 0; i < n; ++i) pi[i] += step * (degree[i] - 2);
    }
    return std::min(best, upperBound);  // rounding must not lift the bound above a known tour
}

Route planRoute(const std::vector<RoutePoint>& visits, const std::optional<RoutePoint>& start, const RoadGraph& graph,
                const RouteSettings& settings)
{
    if (!(settings.speedKmh > 0.0)) throw InputError("reissnelheid moet groter dan 0 zijn");
    if (!(settings.minutesPerVisit >= 0.0)) throw InputError("tijd per bezoek mag niet negatief zijn");
    std::vector<RoutePoint> stops;
    if (start) stops.push_back(*start);
    stops.insert(stops.end(), visits.begin(), visits.end());
    Route route;
    route.visitMinutes = settings.minutesPerVisit * static_cast<double>(visits.size());
    if (!stops.empty()) {
        const auto distances = travelDistances(stops, graph, settings);
        std::vector<std::size_t> order = nearestNeighbourTour(distances, 0);
        improveTour(distances, order);
        route.lengthMetres = tourLength(distances, order);
        route.lowerBoundMetres = heldKarpLowerBound(distances, route.lengthMetres);
        route.gap = route.lowerBoundMetres > 0.0 ? (route.lengthMetres - route.lowerBoundMetres) / route.lowerBoundMetres : 0.0;
        const std::size_t offset = start ? 1 : 0;
        for (std::size_t i : order) {
            if (i >= offset) route.order.push_back(i - offset);
        }
    }
    route.travelMinutes = route.lengthMetres / 1000.0 / settings.speedKmh * 60.0;
    route.totalMinutes = route.travelMinutes + route.visitMinutes;
    return route;
}

}  // namespace riskmap::core::planner
