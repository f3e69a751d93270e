-- wrk script for growth.sh: POST /v1/auth/login with a fresh code per request. Codes come from the
-- file CODES (one a line, split across the threads); APP is the appid. Counts the answers: logins that
-- made a new user ("newUser":true), logins of users already stored, and failures (any other status).
-- Prints one line of key=value pairs: rate, latency percentiles and those counts.
local codes, i, n = {}, 0, 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads); table.insert(threads, thread)
end
function init(args)
  fresh, known, failed = 0, 0, 0
  local k, nthreads = 0, tonumber(os.getenv("THREADS") or "2")
  for line in io.lines(os.getenv("CODES")) do
    if k % nthreads == tid then
      codes[#codes + 1] = '{"appId":"' .. os.getenv("APP") .. '","code":"' .. line .. '"}'
    end
    k = k + 1
  end
  n = #codes
end
function request()
  -- Past the end the codes come round again and are refused as spent: counted as failures.
  i = i + 1; if i > n then i = 1 end
  return wrk.format("POST", "/v1/auth/login", { ["Content-Type"] = "application/json" }, codes[i])
end
function response(status, headers, body)
  if status ~= 200 then failed = failed + 1
  elseif body:find('"newUser":true', 1, true) then fresh = fresh + 1
  else known = known + 1 end
end
function done(summary, latency, requests)
  local f, k, x = 0, 0, 0
  for _, t in ipairs(threads) do f = f + t:get("fresh"); k = k + t:get("known"); x = x + t:get("failed") end
  io.write(string.format(
    "login_rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f logins=%d new_user_logins=%d returning_logins=%d failed=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, f, k, x,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
