-- What bench/search.lua and bench/ask.lua share: the questions of bench/questions.txt (QUESTIONS), asked in turn,
-- each connection starting at a different one, and one RESULT line at the end with throughput, latency and
-- errors (non_200: answers with a status of 400 or more, as wrk counts them). Loaded with dofile, so the
-- scripts run from the repository root, as every bench/*.sh does.
local questions = {}
local path = os.getenv("QUESTIONS") or "bench/questions.txt"
for line in io.lines(path) do
  if line:match("%S") and not line:match("^#") then
    questions[#questions + 1] = line
  end
end

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d non_200=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status))
end

-- The next question of this connection.
return function()
  counter = counter + 1
  return questions[(counter % #questions) + 1]
end
