-- wrk script for bench/load.sh (SCRIPT=ask.lua) and bench/ab.sh: POST /api/ask with the questions of
-- bench/questions.txt, in turn, each connection starting at a different one. Counts answers other than 200 by status.
local questions = {}
local path = os.getenv("QUESTIONS") or "bench/questions.txt"
for line in io.lines(path) do
  if line:match("%S") and not line:match("^#") then
    questions[#questions + 1] = line
  end
end
local k = os.getenv("K") or "5"
local mode = os.getenv("MODE") or "hybrid"

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 0
local statuses = {}
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7
  statuses = {}
end

function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, "{\"question\": \"" .. q:gsub("[\"\\]", "") .. "\", \"k\": " .. k .. "}")
end

function response(status, headers, body)
  if status ~= 200 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d non_200=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status))
end
