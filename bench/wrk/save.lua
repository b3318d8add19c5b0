-- The autosave: each request is one student's POST of one answer as the page's script sends it
-- (JSON with a growing seq, the CSRF token in a header); students and questions taken in turn.
local common = dofile(os.getenv("QUIZAPP_BENCH_LUA") .. "/common.lua")

setup = common.setup
wrong = 0
local students = {}
local turn = 0

function init(args)
  students = common.share(common.data.steady, thread_index, tonumber(args[1]))
  for _, student in ipairs(students) do
    student.seq = 0
    student.headers = common.headers({
      Cookie = student.cookie,
      ["X-CSRFToken"] = student.token,
      ["Content-Type"] = "application/json",
      Accept = "application/json",
    })
  end
end

function request()
  turn = turn + 1
  local student = students[(turn - 1) % #students + 1]
  student.seq = student.seq + 1
  local answer = common.data.answers[(student.seq - 1) % #common.data.answers + 1]
  local body = '{"seq": ' .. student.seq .. ', "answers": ' .. answer .. "}"
  return wrk.format("POST", "/student/attempts/" .. student.attempt .. "/answers", student.headers, body)
end

function response(status)
  if status ~= 200 then
    wrong = wrong + 1
  end
end

function done(summary, latency)
  common.report(summary, latency, { "wrong" })
end
