-- wrk script of issue 19's comparison (run by WrkBench; see BENCHMARKS.md).
--   wrk ... -s sol.lua URL -- MODE [HOLDERS_FILE] [HOT_PAYEE_ACCOUNT] [RUN_ID]
-- MODE:
--   plain     GET the URL's path as given, no authentication (static file, health, bare app)
--   read      GET /accounts/{id} of a random member, no authentication (the bare app's read)
--   read-history  GET /accounts/{id}/transfers?limit=20 of a random member, no authentication
--             (the bare app's history)
--   balance   GET /api/v1/accounts/{id} of a random member, with that member's own token
--   history   GET /api/v1/accounts/{id}/transfers?limit=20 of a random member, with their token
--   uniform   POST /api/v1/transfers: a random member pays another random member
--   hot       POST /api/v1/transfers: a random member pays HOT_PAYEE_ACCOUNT
-- HOLDERS_FILE: one member per line, "<account id> <personal access token>".
-- Every payment carries a fresh Idempotency-Key (RUN_ID, the thread and a counter), so none is a
-- replay. done() prints one WRK_RESULT line that WrkBench parses (latencies in microseconds).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "plain"
  holders = {}
  if args[2] then
    for line in io.lines(args[2]) do
      local account, token = line:match("^(%d+) (%S+)$")
      if account then
        holders[#holders + 1] = { account, "Bearer " .. token }
      end
    end
  end
  hot = args[3]
  run = args[4] or tostring(os.time())
  math.randomseed(os.time() * 1000 + (tid or 0))
end

local function anyone()
  return holders[math.random(#holders)]
end

function request()
  if mode == "plain" then
    return wrk.format("GET")
  end
  local payer = anyone()
  if mode == "read" then
    return wrk.format("GET", "/accounts/" .. payer[1])
  elseif mode == "read-history" then
    return wrk.format("GET", "/accounts/" .. payer[1] .. "/transfers?limit=20")
  elseif mode == "balance" then
    return wrk.format("GET", "/api/v1/accounts/" .. payer[1], { ["Authorization"] = payer[2] })
  elseif mode == "history" then
    return wrk.format("GET", "/api/v1/accounts/" .. payer[1] .. "/transfers?limit=20",
      { ["Authorization"] = payer[2] })
  end
  counter = counter + 1
  local payee = hot
  if mode == "uniform" then
    local other = anyone()
    while other == payer do
      other = anyone()
    end
    payee = other[1]
  end
  local body = string.format(
    '{"debitAccountId":%s,"creditAccountId":%s,"amount":"0.%02d","memo":"wrk"}',
    payer[1], payee, 1 + counter % 99)
  return wrk.format("POST", "/api/v1/transfers", {
    ["Authorization"] = payer[2],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "wrk-" .. run .. "-" .. tid .. "-" .. counter,
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
