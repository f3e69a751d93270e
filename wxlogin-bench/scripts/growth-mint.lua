-- wrk script for growth.sh: mints wx.login() codes from the standalone simulator (POST /sim/login),
-- one per request, and writes them to OUT.<thread>, one code a line.
--   APP        the appid
--   TAG        new users: "<TAG>-<thread>-<n>", a name no one used before
--   PRELOADED  instead of TAG: a preloaded user "pre-<k>", k drawn at random from 1..PRELOADED
--              (growth.sh stored their openids and unionids as the simulator derives them from the name)
local counter, f = 0, nil
local app = os.getenv("APP")
local tag = os.getenv("TAG")
local preloaded = tonumber(os.getenv("PRELOADED") or "")
local threads = 0
function setup(thread)
  thread:set("tid", threads); threads = threads + 1
end
function init(args)
  f = assert(io.open(os.getenv("OUT") .. "." .. tid, "w")); f:setvbuf("full")
  math.randomseed(os.time() * 1000 + tid * 7919 + math.floor(os.clock() * 1e6))
end
function request()
  counter = counter + 1
  local user
  if preloaded then user = "pre-" .. math.random(1, preloaded) else user = tag .. "-" .. tid .. "-" .. counter end
  return wrk.format("POST", "/sim/login", { ["Content-Type"] = "application/json" },
    '{"appId":"' .. app .. '","user":"' .. user .. '"}')
end
function response(status, headers, body)
  local c = body:match('"code":"([^"]+)"')
  if c then f:write(c .. "\n") end
end
function done(summary, latency, requests) end
