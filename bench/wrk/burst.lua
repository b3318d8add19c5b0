-- The exam-start burst: students already logged in press Start, open their quiz and save
-- three answers (the third changes the first). Each thread runs its share of the students back
-- to back on its own connection, so they arrive as fast as the server takes them; the target is
-- met when all are through within the ten seconds the design allows for a spread-out start.
--
-- Starts are not paced with delay(): wrk opens the next connection before a delay, and a sync
-- gunicorn worker waits on an idle connection (in production a buffering proxy absorbs that).
-- For the same reason a thread whose students are done does not stop but keeps fetching the
-- login page, left out of every figure, until load.py ends wrk once all threads are done.
local common = dofile(os.getenv("QUIZAPP_BENCH_LUA") .. "/common.lua")

setup = common.setup
assigned = 0
finished = 0
failed = 0
-- Seconds per request kind and per student (Start pressed to the last save answered).
start_seconds, page_seconds, save_seconds, student_seconds = {}, {}, {}, {}
first_start, last_done = 0, 0

local mine, current, step, sent_at, attempt = {}, 0, 0, 0, ""
local STEPS = 5 -- start, quiz page, three saves

function init(args)
  mine = common.share(common.data.burst, thread_index, tonumber(args[1]))
  current, step = 1, 1
  assigned = #mine
end

local function save_request(student, seq, answer)
  local body = '{"seq": ' .. seq .. ', "answers": ' .. answer .. "}"
  local headers = common.headers({
    Cookie = student.cookie,
    ["X-CSRFToken"] = student.token,
    ["Content-Type"] = "application/json",
    Accept = "application/json",
  })
  return wrk.format("POST", "/student/attempts/" .. attempt .. "/answers", headers, body)
end

function request()
  local student = mine[current]
  if student == nil then -- this thread's students are done: keep the connection busy
    return wrk.format("GET", "/login", common.headers({}))
  end
  sent_at = common.now()
  if step == 1 then
    student.began = sent_at
    if first_start == 0 then
      first_start = sent_at
    end
    local headers = common.headers({
      Cookie = student.cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    })
    return wrk.format("POST", common.data.start_path, headers, student.start_body)
  elseif step == 2 then
    return wrk.format("GET", "/student/attempts/" .. attempt, common.headers({ Cookie = student.cookie }))
  end
  local answers = common.data.answers
  local first = (student.number - 1) % #answers + 1
  local second = (student.number + 6) % #answers + 1
  if step == 3 then
    return save_request(student, 1, answers[first])
  elseif step == 4 then
    return save_request(student, 2, answers[second])
  end
  return save_request(student, 3, common.data.answers_again[first])
end

local function next_student(ok)
  local student = mine[current]
  if ok then
    finished = finished + 1
    last_done = common.now()
    table.insert(student_seconds, last_done - student.began)
  else
    failed = failed + 1
  end
  current, step, attempt = current + 1, 1, ""
  if mine[current] == nil then
    common.done_here()
  end
end

function response(status, headers)
  if mine[current] == nil then
    return
  end
  local took = common.now() - sent_at
  if step == 1 then
    table.insert(start_seconds, took)
    attempt = string.match(headers["Location"] or "", "/student/attempts/(%d+)$") or ""
    if status ~= 302 or attempt == "" then
      return next_student(false)
    end
  elseif step == 2 then
    table.insert(page_seconds, took)
    if status ~= 200 then
      return next_student(false)
    end
  else
    table.insert(save_seconds, took)
    if status ~= 200 then
      return next_student(false)
    end
  end
  if step == STEPS then
    return next_student(true)
  end
  step = step + 1
end

function done(summary, latency)
  common.report(summary, latency, { "assigned", "finished", "failed" })
  common.spread("start", common.gather("start_seconds"))
  common.spread("quiz_page", common.gather("page_seconds"))
  common.spread("save", common.gather("save_seconds"))
  common.spread("student", common.gather("student_seconds"))
  local every = {}
  for _, name in ipairs({ "start_seconds", "page_seconds", "save_seconds" }) do
    for _, took in ipairs(common.gather(name)) do
      table.insert(every, took)
    end
  end
  common.spread("request", every)
  local first, last = math.huge, 0
  for _, began in ipairs(common.gather("first_start")) do
    if began > 0 then
      first = math.min(first, began)
    end
  end
  for _, ended in ipairs(common.gather("last_done")) do
    last = math.max(last, ended)
  end
  if last < first then -- nobody finished
    last = first
  end
  common.figure("wall_s", last - first)
end
