-- wrk script of the read scenarios: the request comes from the command line (URL, -H);
-- done() prints a JSON summary (lib.lua). BENCH_STATUS_HOOK=1 adds a response() hook that
-- counts every status (slower: see lib.lua).
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

if os.getenv("BENCH_STATUS_HOOK") == "1" then
   function response(status, headers, body)
      count_status(status)
   end
end

function done(summary, latency, requests)
   summary_json(summary, latency)
end
