-- Shared by the wrk scripts of bench/load.py: the data it wrote, a monotonic clock, which thread
-- is which, and the figures printed at the end as "=name value" lines for load.py to read.
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]])

local common = {}
local CLOCK_MONOTONIC = 1
local moment = ffi.new("bench_timespec")

-- Seconds on a clock every thread shares (wrk gives scripts none finer than a second).
function common.now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, moment)
  return tonumber(moment.tv_sec) + tonumber(moment.tv_nsec) / 1e9
end

common.data = dofile(os.getenv("QUIZAPP_BENCH_DATA"))

-- A request's headers plus the User-Agent the sessions were opened with: quizapp ties a login
-- to its browser. (wrk.format uses the headers it is given instead of wrk.headers.)
function common.headers(extra)
  local headers = { ["User-Agent"] = common.data.user_agent }
  for name, value in pairs(extra) do
    headers[name] = value
  end
  return headers
end

local threads = {}

-- setup() for every script: number the threads and tell each how many there are.
function common.setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

-- Each thread's share of a list: items i, i + n, i + 2n, ... for thread i of n.
function common.share(items, index, count)
  local mine = {}
  for position = index, #items, count do
    table.insert(mine, items[position])
  end
  return mine
end

-- Say on stdout that this thread's work is done: load.py ends wrk once every thread has.
function common.done_here()
  io.write("thread finished\n")
  io.flush()
end

function common.figure(name, value)
  io.write("=", name, " ", tostring(value), "\n")
end

-- The figures every phase prints: wrk's own counts and latency percentiles (microseconds),
-- then each numeric global named in `counters`, summed over the threads.
function common.report(summary, latency, counters)
  local errors = summary.errors
  common.figure("requests", summary.requests)
  common.figure("duration_us", summary.duration)
  common.figure("socket_errors", errors.connect + errors.read + errors.write + errors.timeout)
  common.figure("status_errors", errors.status)
  common.figure("p50_us", latency:percentile(50.0))
  common.figure("p99_us", latency:percentile(99.0))
  common.figure("max_us", latency.max)
  for _, name in ipairs(counters or {}) do
    local total = 0
    for _, thread in ipairs(threads) do
      total = total + (thread:get(name) or 0)
    end
    common.figure(name, total)
  end
end

-- Every thread's global `name` (a number, or a list of them), as one list.
function common.gather(name)
  local all = {}
  for _, thread in ipairs(threads) do
    local value = thread:get(name)
    if type(value) == "table" then
      for _, item in ipairs(value) do
        table.insert(all, item)
      end
    elseif value ~= nil then
      table.insert(all, value)
    end
  end
  return all
end

-- Print count, p50, p99 and max (milliseconds) of a list of seconds.
function common.spread(prefix, seconds)
  table.sort(seconds)
  common.figure(prefix .. "_count", #seconds)
  if #seconds == 0 then
    return
  end
  local function at(share)
    return seconds[math.min(#seconds, math.floor(share * #seconds) + 1)] * 1000
  end
  common.figure(prefix .. "_p50_ms", at(0.50))
  common.figure(prefix .. "_p99_ms", at(0.99))
  common.figure(prefix .. "_max_ms", seconds[#seconds] * 1000)
end

return common
