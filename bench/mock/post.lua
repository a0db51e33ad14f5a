-- SPDX-License-Identifier: GPL-3.0-or-later
-- SPDX-FileCopyrightText: 2026 The Quarry authors
-- wrk script: POST a new user with a unique email on every request.
local counter = 0
local prefix = tostring(math.random(1, 1e9))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local body = string.format('{"email": "b%s-%d@example.com", "name": "Bench User"}', prefix, counter)
  return wrk.format("POST", wrk.path, nil, body)
end
