-- The quiz page: each request is one logged-in student's GET of their open attempt, the
-- students taken in turn (each thread its own share of them).
local common = dofile(os.getenv("QUIZAPP_BENCH_LUA") .. "/common.lua")

setup = common.setup
wrong = 0
local requests = {}
local turn = 0

function init(args)
  local students = common.share(common.data.steady, thread_index, tonumber(args[1]))
  for _, student in ipairs(students) do
    local path = "/student/attempts/" .. student.attempt
    table.insert(requests, wrk.format("GET", path, common.headers({ Cookie = student.cookie })))
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end

function response(status)
  if status ~= 200 then
    wrong = wrong + 1
  end
end

function done(summary, latency)
  common.report(summary, latency, { "wrong" })
end
