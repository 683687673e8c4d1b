-- wrk script for bench/load.sh (SCRIPT=ask.lua) and bench/ab.sh: POST /api/ask (K passages) with the questions of
-- bench/questions.txt; see bench/wrk-common.lua.
local next_question = dofile("bench/wrk-common.lua")
local k = os.getenv("K") or "5"

function request()
  local question = next_question():gsub("[\"\\]", "")
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"},
    "{\"question\": \"" .. question .. "\", \"k\": " .. k .. "}")
end
