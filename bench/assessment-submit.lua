-- wrk script for bench/assessment.sh (b): each request is an inspector's batch of observations for one
-- of their places (PUT /api/v1/assessment/inspect/rounds/{round}/places/{place}/observations), with a
-- fresh Idempotency-Key, so every request is a new submission that rewrites the place's 30 observations.
-- Reads $WORK/submissions.txt ("cookie csrf placeId body" per inspector and place); ROUND_ID is the open
-- round; SUBMIT_OFFSET keeps the keys of one run apart from another's.
local work = os.getenv("WORK")
local round = os.getenv("ROUND_ID")
local offset = tonumber(os.getenv("SUBMIT_OFFSET") or "0")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter - 1)
end

function init(args)
  lines = {}
  for line in io.lines(work .. "/submissions.txt") do
    local cookie, csrf, place, body = line:match("^(%S+) (%S+) (%S+) (.+)$")
    lines[#lines + 1] = { cookie = cookie, csrf = csrf, place = place, body = body }
  end
  nthreads = tonumber(os.getenv("WRK_THREADS") or "1")
  n = offset + tid
end

function request()
  local s = lines[n % #lines + 1]
  local key = string.format("bench-%d-%d", offset, n)
  n = n + nthreads
  return wrk.format("PUT", "/api/v1/assessment/inspect/rounds/" .. round .. "/places/" .. s.place .. "/observations", {
    ["Cookie"] = "WENMING_SESSION=" .. s.cookie,
    ["X-CSRF-TOKEN"] = s.csrf,
    ["Idempotency-Key"] = key,
    ["Content-Type"] = "application/json",
  }, s.body)
end

done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed))
end
