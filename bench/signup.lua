-- wrk script for bench/signup.sh: each request signs one volunteer up for one shift
-- (POST /api/v1/shifts/{id}/signups), never the same pair twice. Reads $WORK/sessions.txt ("cookie csrf"
-- per volunteer) and $WORK/shifts.txt (one shift id per line); SIGNUP_OFFSET says where in the pairs this
-- run starts (the warm-up takes other pairs). SIGNUP_SHIFTS=1 aims every request at the first shift.
local work = os.getenv("WORK")
local offset = tonumber(os.getenv("SIGNUP_OFFSET") or "0")
local counter = 0

local function lines(file)
  local t = {}
  for line in io.lines(file) do t[#t + 1] = line end
  return t
end

local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter - 1)
  threads[#threads + 1] = thread
end

-- the refusals by status, and the first one's body (a sign-up here should never be refused)
local kinds = { 400, 401, 403, 404, 409, 429, 500, 503 }
first_refusal = ""
refused_other = 0
for _, k in ipairs(kinds) do _G["refused_" .. k] = 0 end

function response(status, headers, body)
  if status >= 400 then
    local name = "refused_" .. status
    if _G[name] ~= nil then _G[name] = _G[name] + 1 else refused_other = refused_other + 1 end
    if first_refusal == "" then first_refusal = (body or ""):sub(1, 200):gsub("%s+", " ") end
  end
end

function init(args)
  sessions = {}
  for _, line in ipairs(lines(work .. "/sessions.txt")) do
    local cookie, csrf = line:match("^(%S+) (%S+)$")
    sessions[#sessions + 1] = { cookie = cookie, csrf = csrf }
  end
  shifts = lines(work .. "/shifts.txt")
  nthreads = tonumber(os.getenv("WRK_THREADS") or "1")
  n = offset + tid
end

function request()
  -- consecutive requests are other volunteers AND other shifts (neither a shift's row lock nor a volunteer's
  -- lock makes the connections queue); every pair once while n < volunteers × shifts, as long as
  -- volunteers + 1 and shifts have no common divisor (1,001 and 400 have none)
  local v = n % #sessions
  local s = (math.floor(n / #sessions) + n) % #shifts
  n = n + nthreads
  local session = sessions[v + 1]
  return wrk.format("POST", "/api/v1/shifts/" .. shifts[s + 1] .. "/signups", {
    ["Cookie"] = "WENMING_SESSION=" .. session.cookie,
    ["X-CSRF-TOKEN"] = session.csrf,
    ["Content-Type"] = "application/json",
  }, "")
end

done = function(summary, latency, requests)
  -- the refusals first: signup.sh keeps wrk's last line, the figures
  for _, thread in ipairs(threads) do
    local line = ""
    for _, k in ipairs(kinds) do
      local n = thread:get("refused_" .. k)
      if n > 0 then line = line .. k .. "=" .. n .. " " end
    end
    if thread:get("refused_other") > 0 then line = line .. "other=" .. thread:get("refused_other") .. " " end
    if line ~= "" then
      io.write("refused by status: " .. line .. "; the first: " .. thread:get("first_refusal") .. "\n")
    end
  end
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d (HTTP 4xx/5xx %d, timeouts %d, sockets %d)\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed, summary.errors.status,
      summary.errors.timeout, summary.errors.connect + summary.errors.read + summary.errors.write))
end
