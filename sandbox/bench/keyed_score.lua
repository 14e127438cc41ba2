-- POST a score with a fresh Idempotency-Key each time (the keys table grows by one row).
package.path = "./?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens = common.lines("tokens")
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"payload":{"score":{"value":%d}}}', n)
  return wrk.format("POST", nil, {
    ["user-jwt-token"] = tokens[(n % #tokens) + 1],
    ["idempotency-key"] = string.format("%s-%d-%d", run_id, id, n),
  }, body)
end
init = function(args) run_id = args[1] or "r" end
