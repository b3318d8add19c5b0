-- The ceiling: GET / of the hello-world app, answers checked like quizapp's pages are.
local common = dofile(os.getenv("QUIZAPP_BENCH_LUA") .. "/common.lua")

setup = common.setup
wrong = 0

function response(status)
  if status ~= 200 then
    wrong = wrong + 1
  end
end

function done(summary, latency)
  common.report(summary, latency, { "wrong" })
end
