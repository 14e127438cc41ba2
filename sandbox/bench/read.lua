-- GET with the first player's token.
package.path = "./?.lua;" .. package.path
local common = require("common")
setup = common.setup
local tokens = common.lines("tokens")
wrk.headers["user-jwt-token"] = tokens[1]
