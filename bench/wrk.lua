-- wrk script for bench/run.sh. Environment:
--   BODY   a JSON body to POST (GraphQL); GET when unset
--   BODIES a file of JSON bodies, one per line, POSTed in turn (a connection walk: one page each)
--   ENCODING an Accept-Encoding header to send (compressed answers, as browsers and HTTP libraries ask)
--   APIKEY an API key to send (X-Api-Key): the abuse phase's ordinary traffic, counted against the key's tier
--   PAUSE  milliseconds each connection waits between its requests (the smoke run: the harness is checked, the
--          machine, which runs the test suites meanwhile, is not loaded)
-- Prints one line: requests/s, latency percentiles in ms, non-2xx responses and socket errors.
local bodies = {}
local file = os.getenv("BODIES")
if file then
  for line in io.lines(file) do bodies[#bodies + 1] = line end
end
local next_body = 0

if os.getenv("ENCODING") then wrk.headers["Accept-Encoding"] = os.getenv("ENCODING") end
if os.getenv("APIKEY") then wrk.headers["X-Api-Key"] = os.getenv("APIKEY") end

if os.getenv("BODY") or file then
  wrk.method = "POST"
  wrk.body = os.getenv("BODY")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

local pause = tonumber(os.getenv("PAUSE") or "")
if pause then
  delay = function() return pause end
end

if #bodies > 0 then
  request = function()
    next_body = next_body % #bodies + 1
    return wrk.format(nil, nil, nil, bodies[next_body])
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("rps=%.0f p50=%.2f p99=%.2f non2xx=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
