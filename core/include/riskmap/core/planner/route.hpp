// SPDX-License-Identifier: GPL-3.0-or-later
// The route of a control day: road distances, a near-optimal visiting order and its lower bound.
#pragma once

#include <optional>
#include <vector>

namespace riskmap::core::planner {

/// A point in a projected CRS (RD New), metres.
struct RoutePoint {
    double x = 0.0;
    double y = 0.0;
};

/// A road network: nodes and undirected edges with lengths in metres.
struct RoadGraph {
    struct Edge {
        std::size_t from;
        std::size_t to;
        double length;  ///< metres, >= 0
    };
    std::vector<RoutePoint> nodes;
    std::vector<Edge> edges;
};

struct RouteSettings {
    double detourFactor = 1.3;      ///< straight line × factor where there is no network
    double maxSnapDistance = 500.0; ///< a stop farther from every node than this has no network
    double speedKmh = 40.0;         ///< average travel speed
    double minutesPerVisit = 30.0;  ///< time spent at each address
};

/// Symmetric travel distances (metres) between stops: along the network (Boost.Graph Dijkstra)
/// from the nearest node of each stop, plus the snap distances × detour factor; straight line ×
/// detour factor where a stop has no node within maxSnapDistance or no path connects them.
/// Throws InputError for an edge with a bad node index or a negative length.
std::vector<std::vector<double>> travelDistances(const std::vector<RoutePoint>& stops, const RoadGraph& graph,
                                                 const RouteSettings& settings);

/// Length of the closed tour `order` (returns to order.front()).
double tourLength(const std::vector<std::vector<double>>& distances, const std::vector<std::size_t>& order);

/// Nearest-neighbour tour from stop `start`.
std::vector<std::size_t> nearestNeighbourTour(const std::vector<std::vector<double>>& distances, std::size_t start);

/// Improves a closed tour with 2-opt and Or-opt moves (segments of 1–3 stops) until no move
/// shortens it; the first stop stays first.
void improveTour(const std::vector<std::vector<double>>& distances, std::vector<std::size_t>& order);

/// The 1-tree lower bound of the shortest closed tour: the best over every special stop of a
/// minimum spanning tree on the others plus the two shortest edges to the special stop.
double oneTreeLowerBound(const std::vector<std::vector<double>>& distances);

/// The Held–Karp bound: the 1-tree bound improved by subgradient ascent on node penalties
/// (at most `iterations` steps, guided by `upperBound`, the length of a known tour). Never below
/// oneTreeLowerBound and never above the optimum.
double heldKarpLowerBound(const std::vector<std::vector<double>>& distances, double upperBound, int iterations = 200);

/// The day's route.
struct Route {
    std::vector<std::size_t> order;  ///< indexes into the visits, in visiting order
    double lengthMetres = 0.0;       ///< closed tour, from and back to the start (or the first visit)
    double lowerBoundMetres = 0.0;   ///< Held–Karp (1-tree) bound
    double gap = 0.0;                ///< (length − bound) / bound; 0 when the bound is 0
    double travelMinutes = 0.0;
    double visitMinutes = 0.0;
    double totalMinutes = 0.0;
};

/// Orders the visits of one day. With `start` (e.g. the police station) the tour begins and
/// ends there; otherwise it is a round trip from the first visit.
Route planRoute(const std::vector<RoutePoint>& visits, const std::optional<RoutePoint>& start, const RoadGraph& graph,
                const RouteSettings& settings);

}  // namespace riskmap::core::planner
