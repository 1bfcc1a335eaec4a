-- wrk script for bench/search.sh: GET $SEARCH_PATH (default /search) with each query of $WORK/queries.txt
-- (URL-encoded, one per line) in turn, so a run mixes rare and common words.
local work = os.getenv("WORK")
local path = os.getenv("SEARCH_PATH") or "/search"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter - 1)
end

function init(args)
  queries = {}
  for line in io.lines(work .. "/queries.txt") do
    queries[#queries + 1] = line
  end
  n = tid
end

function request()
  n = n + 1
  return wrk.format("GET", path .. "?q=" .. queries[n % #queries + 1])
end

done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed))
end
