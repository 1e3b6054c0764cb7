-- wrk script of deploy/smoke/test.sh: GETs of distinct URLs (so nginx's cache never answers them and every
-- request reaches a replica), with the smoke test's API key (its tier's quota is out of reach). Pages of 1 to 3
-- questions: an answer leaves the API in one write, so a replica killed mid-load has either sent it whole or
-- not begun it (which nginx retries); a large answer cut halfway could not be retried by any proxy.
local n = 0
local threads = {}
thread_id = 0 -- set per thread by setup()
local key = os.getenv("SMOKE_API_KEY")

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function request()
  n = n + 1
  local day = os.date("!%Y-%m-%d", 631152000 + ((n * 7 + thread_id) % 12000) * 86400) -- from 1990-01-01
  local path = string.format("/v1/questions?limit=%d&publishedFrom=%s", (n + thread_id) % 3 + 1, day)
  return wrk.format("GET", path, { ["X-Api-Key"] = key })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
end
