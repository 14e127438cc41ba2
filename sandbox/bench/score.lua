-- POST a score as a different participant each time.
package.path = "./?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens = common.lines("tokens")
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"payload":{"score":{"value":%d}}}', n)
  return wrk.format("POST", nil, { ["user-jwt-token"] = tokens[(n % #tokens) + 1] }, body)
end
