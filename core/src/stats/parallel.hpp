// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny deterministic parallel loop for independent tasks (private to core/stats).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace riskmap::core::stats {

/// Runs work(i) for every i in [0, count) on up to hardware_concurrency
/// threads. Tasks must write only their own results, so the outcome does not
/// depend on scheduling. Exceptions never cross threads: each is caught where
/// it happens and the one of the lowest i is rethrown here after all joined.
template <class Work>
void parallelFor(std::size_t count, const Work& work)
{
    std::vector<std::exception_ptr> errors(count);
    std::atomic<std::size_t> next{0};
    auto run = [&]() {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                work(i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    const std::size_t threads =
        std::min<std::size_t>(count, std::max(1U, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
    for (auto& t : pool) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace riskmap::core::stats
