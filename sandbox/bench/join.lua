-- POST join for a new (player, tournament) pair each time: every request debits a wallet
-- and writes a participation and a ledger entry. Threads take alternate pairs.
package.path = "./?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens = common.lines("tokens")
local uids = common.lines("uids")
local n = 0
request = function()
  local k = n * 2 + id
  n = n + 1
  local player = (k % #tokens) + 1
  local tournament = (math.floor(k / #tokens) % #uids) + 1
  local path = "/fe/esports/tournaments/" .. uids[tournament] .. "/join"
  return wrk.format("POST", path, { ["user-jwt-token"] = tokens[player] }, '{"joiningStake":1}')
end
