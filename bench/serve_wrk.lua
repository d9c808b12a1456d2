-- wrk script for bench/serve_run.sh: each request picks one of the paths in the file
-- named by HW_PATHS (one per line: map queries or incident views), at random, and
-- sends the session cookie from HW_COOKIE.
local paths = {}

function init(args)
  for line in io.lines(os.getenv("HW_PATHS")) do
    paths[#paths + 1] = line
  end
  wrk.headers["Cookie"] = os.getenv("HW_COOKIE")
  math.randomseed(os.time() + #paths + tonumber(tostring({}):sub(8), 16) % 1000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  io.write(string.format("HWRESULT requests=%d errors=%d non2xx=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f rps=%.1f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
