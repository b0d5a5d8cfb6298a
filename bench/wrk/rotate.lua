-- Rotates requests over the lines of $PATHS ("path" or "path<TAB>etag": then sent as If-None-Match),
-- and counts answers by status so that the run can check that none failed.
local lines = {}
for line in io.lines(os.getenv("PATHS")) do
  local path, etag = line:match("^([^\t]+)\t?(.*)$")
  lines[#lines + 1] = { path = path, etag = etag }
end
local i = 0
request = function()
  i = i % #lines + 1
  local headers = {}
  if lines[i].etag ~= "" then headers["If-None-Match"] = lines[i].etag end
  return wrk.format("GET", lines[i].path, headers)
end
