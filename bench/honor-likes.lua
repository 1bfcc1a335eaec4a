-- wrk script for bench/honor-likes.sh: each request is a like (POST /api/v1/honor/notice/{id}/likes) by a
-- signed-in session, never the same session-nominee pair twice in a run (LIKES_OFFSET says where the run starts,
-- so the warm-up uses other pairs). Reads $WORK/sessions.txt ("cookie csrf" per account) and
-- $WORK/nominees.txt (one nomination id per line).
-- Paced by a schedule (this wrk has no -R): each thread sends at LIKES_RATE / WRK_THREADS a second, each
-- request taking the thread's next slot (slot k at start + k * interval); a connection that is free waits for its
-- slot (wrk's delay()), one that comes back late sends at once. So the rate is LIKES_RATE whatever the latency,
-- as long as the connections in flight (rate x latency) stay below the connections; when they do not, the
-- schedule falls behind and the run shows what the server does with every connection busy. Latency is measured
-- from the send (wrk's own), not from the slot: behind schedule, the waiting before the send is not counted.
-- (Before session 18 each connection waited a fixed connections/rate between likes, so the rate was
-- connections / (that wait + latency): 500/s only at zero latency.)
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } likes_timespec;
int clock_gettime(int clock, likes_timespec *tp);
]]
local timespec = ffi.new("likes_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end
local work = os.getenv("WORK")
local offset = tonumber(os.getenv("LIKES_OFFSET") or "0")
local rate = tonumber(os.getenv("LIKES_RATE") or "500")
local threads = {}
local counter = 0

local function lines(file)
  local t = {}
  for line in io.lines(file) do t[#t + 1] = line end
  return t
end

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter - 1)
  table.insert(threads, thread)
end

function init(args)
  sessions = {}
  for _, line in ipairs(lines(work .. "/sessions.txt")) do
    local cookie, csrf = line:match("^(%S+) (%S+)$")
    sessions[#sessions + 1] = { cookie = cookie, csrf = csrf }
  end
  nominees = lines(work .. "/nominees.txt")
  nthreads = tonumber(os.getenv("WRK_THREADS") or "1")
  n = offset + tid
  interval = 1000 * nthreads / rate
  slot = nil
  late = 0
  counted = 0
  already = 0
  other = 0
end

function delay()
  local now = now_ms()
  if slot == nil then slot = now end
  slot = slot + interval
  local wait = slot - now
  if wait < 0 then
    late = late + 1
    return 0
  end
  return math.floor(wait)
end

function request()
  -- pair n: session n % S, nominee floor(n / S) % N
  local s = n % #sessions
  local v = math.floor(n / #sessions) % #nominees
  n = n + nthreads
  local session = sessions[s + 1]
  return wrk.format("POST", "/api/v1/honor/notice/" .. nominees[v + 1] .. "/likes", {
    ["Cookie"] = "WENMING_SESSION=" .. session.cookie,
    ["X-CSRF-TOKEN"] = session.csrf,
    ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
    ["Content-Type"] = "application/json",
  }, "{}")
end

function response(status, headers, body)
  if status == 200 and body:find('"counted":true', 1, true) then
    counted = counted + 1
  elseif status == 200 then
    already = already + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local c, a, o, l = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("counted")
    a = a + thread:get("already")
    o = o + thread:get("other")
    l = l + thread:get("late")
  end
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d counted=%d already=%d other=%d late=%d\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed, c, a, o, l))
end
