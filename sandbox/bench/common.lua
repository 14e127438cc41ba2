-- Shared by the scripts: reading the files the setup wrote, and a thread id so that
-- threads can walk disjoint sequences.
local M = {}

function M.lines(name)
  local list = {}
  for line in io.lines(name) do list[#list + 1] = line end
  return list
end

local created = 0
function M.setup(thread)
  thread:set("id", created)
  created = created + 1
end

return M
