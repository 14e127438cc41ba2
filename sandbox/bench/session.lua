-- POST /s2s/session for existing players (a server renewing sessions).
package.path = "./?.lua;" .. package.path
local common = require("common")
setup = common.setup
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"user_id":"bench-%d"}', (n % 400) + 1)
  return wrk.format("POST", nil, { ["x-client-id"] = "demo-client", ["x-client-secret"] = "demo-secret" }, body)
end
