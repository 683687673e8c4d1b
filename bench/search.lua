-- wrk script for bench/load.sh, bench/cpu.sh and bench/ab.sh: GET /api/search (K results, MODE) with the
-- questions of bench/questions.txt; see bench/wrk-common.lua.
local next_question = dofile("bench/wrk-common.lua")
local k = os.getenv("K") or "5"
local mode = os.getenv("MODE") or "hybrid"

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  return wrk.format("GET", "/api/search?k=" .. k .. "&mode=" .. mode .. "&q=" .. encode(next_question()))
end
