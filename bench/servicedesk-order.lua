-- wrk script for bench/servicedesk.sh: each request places an order (POST /api/v1/service/orders) by one
-- of the signed-in residents in turn, for a village of 端州区 (the order goes to its station).
-- Reads $WORK/sessions.txt ("cookie csrf" per resident) and $WORK/villages.txt (one village code a line).
local work = os.getenv("WORK")
local counter = 0
-- PACE_MS > 0: each connection waits about that long before each order (a resident is not a script; the
-- paced run measures the answer residents get at a steady rate, the unpaced one the most the server takes)
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  delay = function() return math.random(math.floor(pace / 2), math.floor(pace * 3 / 2)) end
end

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter - 1)
end

function init(args)
  sessions = {}
  for line in io.lines(work .. "/sessions.txt") do
    local cookie, csrf = line:match("^(%S+) (%S+)$")
    sessions[#sessions + 1] = { cookie = cookie, csrf = csrf }
  end
  villages = {}
  for line in io.lines(work .. "/villages.txt") do villages[#villages + 1] = line end
  n = tid * 7919
end

function request()
  n = n + 1
  local session = sessions[n % #sessions + 1]
  local village = villages[n % #villages + 1]
  return wrk.format("POST", "/api/v1/service/orders", {
    ["Cookie"] = "WENMING_SESSION=" .. session.cookie,
    ["X-CSRF-TOKEN"] = session.csrf,
    ["Content-Type"] = "application/json",
  }, '{"category":"HOME_VISIT","what":"压测：请志愿者上门陪老人聊聊天","regionCode":"' .. village ..
     '","contactName":"压测居民","contactMobile":"138' .. string.format("%08d", n % 100000000) .. '"}')
end

done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed))
end
