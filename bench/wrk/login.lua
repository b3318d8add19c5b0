-- A class logging in at once: every thread is one student on its own connection, posting the
-- login form once (its session cookie and CSRF token fetched beforehand), then stopping. The
-- connection wrk opens after that stays idle; it queues behind every login, so none waits on it.
local common = dofile(os.getenv("QUIZAPP_BENCH_LUA") .. "/common.lua")

setup = common.setup
logged_in = 0
sent_at = 0
answered_at = 0
local student

function init()
  student = common.data.logins[thread_index]
end

function request()
  sent_at = common.now()
  local headers = common.headers({
      Cookie = student.cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    })
  return wrk.format("POST", "/login", headers, student.login_body)
end

function response(status, headers)
  answered_at = common.now()
  -- A login that worked sends the student on (302) anywhere but back to the login form.
  if status == 302 and not string.find(headers["Location"] or "", "/login", 1, true) then
    logged_in = 1
  end
  common.done_here()
  wrk.thread:stop()
end

function done(summary, latency)
  common.report(summary, latency, { "logged_in" })
  local first, last = math.huge, 0
  for _, sent in ipairs(common.gather("sent_at")) do
    first = math.min(first, sent)
  end
  for _, answered in ipairs(common.gather("answered_at")) do
    last = math.max(last, answered)
  end
  common.figure("wall_s", last - first)
end
