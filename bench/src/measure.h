// SPDX-License-Identifier: GPL-2.0-or-later
// Measuring helpers: latency percentiles, resident memory, sizes on disk.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

namespace bench {

/// The p-th percentile (0..100) of `samples` by nearest rank; sorts them.
/// 0 for no samples.
double percentile(std::vector<double>& samples, double p);

/// Resident set size now, and its peak since the last reset_peak_rss(), in
/// bytes, from /proc/self/status (0 where unavailable).
std::size_t current_rss();
std::size_t peak_rss();
/// Resets the kernel's peak-RSS mark (writes 5 to /proc/self/clear_refs).
/// @return false if the kernel refused.
bool reset_peak_rss();

/// CPU seconds used so far by the calling thread, and by the whole process
/// (all threads, user and system).
double thread_cpu_seconds();
double process_cpu_seconds();

/// Returns freed heap memory to the kernel (glibc malloc_trim), so a peak
/// measured next is not hidden by memory an earlier benchmark freed.
void release_free_memory();

/// Bytes of every regular file under `dir` (or `dir` itself if a file).
std::size_t disk_bytes(const std::filesystem::path& dir);

}  // namespace bench
