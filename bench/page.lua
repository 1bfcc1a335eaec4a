-- wrk script for bench/checkin.sh: GET of a signed-in page ($PAGE_PATH, default /me/volunteer) by the
-- volunteers' sessions in turn. Reads $WORK/sessions.txt ("cookie csrf" per volunteer).
local work = os.getenv("WORK")
local path = os.getenv("PAGE_PATH") or "/me/volunteer"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter - 1)
end

function init(args)
  sessions = {}
  for line in io.lines(work .. "/sessions.txt") do
    sessions[#sessions + 1] = line:match("^(%S+)")
  end
  n = tid
end

function request()
  n = n + 1
  return wrk.format("GET", path, { ["Cookie"] = "WENMING_SESSION=" .. sessions[n % #sessions + 1] })
end

done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed))
end
