# SPDX-License-Identifier: GPL-2.0-or-later
-- wrk script for sift-serve's GET /api/search (bench/load/run.sh runs it).
-- Each connection cycles through QUERIES, each wrk thread from a different
-- start.  Environment: SNIPPETS=1|0 (default 1) sets &snippets=.
-- done() prints one line, "RESULT {json}", that run.sh reads: requests,
-- requests per second, latency percentiles (ms) and wrk's error counts
-- (status counts answers that were not 2xx or 3xx).
local QUERIES = {
  "news", "government", "the president", "\"white house\"", "market OR economy",
  "school teachers", "election vote", "water", "church", "police court",
  "music", "army NEAR/5 soldiers", "foreign polic*", "title:report", "science research",
  "city council", "-the money", "family home", "oil prices", "war",
}
local snippets = os.getenv("SNIPPETS") or "1"

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(QUERIES) do
  paths[i] = "/api/search?limit=10&snippets=" .. snippets .. "&q=" .. urlencode(q)
end

local threads = 0
function setup(thread)
  thread:set("start", threads * 7)
  threads = threads + 1
end

local next_query = 0
function init(args)
  next_query = start or 0
end

function request()
  next_query = next_query % #paths + 1
  return wrk.format("GET", paths[next_query])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,' ..
    '"max_ms":%.2f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
