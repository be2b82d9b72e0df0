-- Shared by the wrk scripts of the bench: a JSON summary of a run, printed by done().
-- Errors are socket errors (connect, read, write, timeout) plus responses whose status is not
-- 2xx or 3xx. wrk counts the latter itself (summary.errors.status: status > 399); scripts that
-- define a response() hook also count every status per thread (count_status), which adds the
-- statuses below 200 and a histogram. The read scenarios leave the hook off by default: it
-- costs wrk a Lua call and a header table per response, measured at 20-35 % of its throughput
-- against nginx on the 2-core bench machine, which would understate the ceiling.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_no", #threads)
end

statuses = {}
bad = 0

function count_status(status)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if status < 200 or status >= 400 then
      bad = bad + 1
   end
end

local function json_object(t)
   local parts = {}
   for k, v in pairs(t) do
      table.insert(parts, string.format('"%s": %s', k, tostring(v)))
   end
   table.sort(parts)
   return "{" .. table.concat(parts, ", ") .. "}"
end

-- extra(): scripts may add their own numbers to the summary
function summary_json(summary, latency, extra)
   local all = {}
   local bad_total = 0
   for _, thread in ipairs(threads) do
      local counts = thread:get("statuses") or {}
      for k, v in pairs(counts) do
         all[k] = (all[k] or 0) + v
      end
      bad_total = bad_total + (thread:get("bad") or 0)
   end
   local e = summary.errors
   local socket = e.connect + e.read + e.write + e.timeout
   -- wrk's own count of status > 399, or the hook's (which also sees 1xx), whichever is larger
   if e.status > bad_total then
      bad_total = e.status
   end
   local fields = {
      string.format('"requests": %d', summary.requests),
      string.format('"duration_us": %d', summary.duration),
      string.format('"bytes": %d', summary.bytes),
      string.format('"rps": %.1f', summary.requests / (summary.duration / 1e6)),
      string.format('"bytes_per_response": %.0f', summary.requests > 0 and summary.bytes / summary.requests or 0),
      string.format('"errors": %d', bad_total + socket),
      string.format('"status_errors": %d', bad_total),
      string.format('"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}',
         e.connect, e.read, e.write, e.timeout),
      '"statuses": ' .. json_object(all),
      string.format('"latency_us": {"min": %d, "mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "p999": %d, "max": %d}',
         latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
         latency:percentile(99), latency:percentile(99.9), latency.max),
   }
   if extra then
      for k, v in pairs(extra) do
         table.insert(fields, string.format('"%s": %s', k, v))
      end
   end
   io.write("BENCH-JSON " .. "{" .. table.concat(fields, ", ") .. "}\n")
end

function thread_sum(name)
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + (thread:get(name) or 0)
   end
   return total
end
