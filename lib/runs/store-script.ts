/**
 * The store's one write, atomic in Redis: drop expired index entries, refuse a client over its
 * share, evict the oldest runs until the new one fits the global budget, then store it. Every
 * key shares the `{pg:shared}` tag (one slot); evicted records are named from the prefix in ARGV.
 *
 * KEYS: order, meta, clientRuns, clientBytes, bytes, the new record
 * ARGV: id, blob, now ms, ttl ms, client, accounted bytes, client max runs, client max bytes,
 *       global budget, record prefix, purge batch
 * Returns {1, 0} stored, {0, 1} over the client's share, {0, 2} larger than the whole budget.
 */
export const STORE_SCRIPT = `
local order, meta, cruns, cbytes, total, record = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local id, blob, now, ttl, client = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local size, maxRuns, maxBytes, budget = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local prefix, batch = ARGV[10], tonumber(ARGV[11])

local function forget(rid)
  local m = redis.call('HGET', meta, rid)
  if m then
    local b, c = string.match(m, '^(%d+) (.*)$')
    b = tonumber(b)
    redis.call('DECRBY', total, b)
    if redis.call('HINCRBY', cruns, c, -1) <= 0 then redis.call('HDEL', cruns, c) end
    if redis.call('HINCRBY', cbytes, c, -b) <= 0 then redis.call('HDEL', cbytes, c) end
    redis.call('HDEL', meta, rid)
  end
  redis.call('ZREM', order, rid)
  redis.call('UNLINK', prefix .. rid)
end

for _, rid in ipairs(redis.call('ZRANGEBYSCORE', order, '-inf', now - ttl, 'LIMIT', 0, batch)) do forget(rid) end

if size > budget then return {0, 2} end
local runs = tonumber(redis.call('HGET', cruns, client) or '0')
local bytes = tonumber(redis.call('HGET', cbytes, client) or '0')
if runs + 1 > maxRuns or bytes + size > maxBytes then return {0, 1} end

local used = tonumber(redis.call('GET', total) or '0')
while used + size > budget do
  local oldest = redis.call('ZRANGE', order, 0, 0)
  if #oldest == 0 then break end
  forget(oldest[1])
  used = tonumber(redis.call('GET', total) or '0')
end

redis.call('SET', record, blob, 'PX', ttl)
redis.call('ZADD', order, now, id)
redis.call('HSET', meta, id, size .. ' ' .. client)
redis.call('HINCRBY', cruns, client, 1)
redis.call('HINCRBY', cbytes, client, size)
redis.call('INCRBY', total, size)
-- The index lives as long as its newest run, so an idle store vanishes on its own.
for _, k in ipairs({order, meta, cruns, cbytes, total}) do redis.call('PEXPIRE', k, ttl) end
return {1, 0}
`;
