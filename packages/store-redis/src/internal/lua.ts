import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run with EVALSHA, falling back to EVAL once when the server does not have it
 * cached (NOSCRIPT after a restart, a SCRIPT FLUSH, or a Cluster node that never ran it).
 * Every script here touches the keys of one hash slot: the ones it is given, and keys it
 * derives from the group prefix it is given, which carry the same hash tag.
 */
export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Versioned write of a record with its index entries, all in one group (one slot).
 * KEYS: record, group all-set, provider set, owner set, group due zset.
 * ARGV: expectedVersion, data, id, providerId, ownerId, group prefix, dueAt ('' for none).
 * Returns {1, newVersion} or {0, currentVersion}.
 */
export const PUT = new LuaScript(`
local cur = redis.call('HMGET', KEYS[1], 'v', 'p', 'o')
local curv = tonumber(cur[1]) or 0
if curv ~= tonumber(ARGV[1]) then return {0, curv} end
if cur[2] and cur[2] ~= ARGV[4] then redis.call('SREM', ARGV[6] .. 'p:' .. cur[2], ARGV[3]) end
if cur[3] and cur[3] ~= ARGV[5] then redis.call('SREM', ARGV[6] .. 'o:' .. cur[3], ARGV[3]) end
if ARGV[7] == '' then
  redis.call('HSET', KEYS[1], 'v', curv + 1, 'd', ARGV[2], 'p', ARGV[4], 'o', ARGV[5])
  redis.call('HDEL', KEYS[1], 't')
  redis.call('ZREM', KEYS[5], ARGV[3])
else
  redis.call('HSET', KEYS[1], 'v', curv + 1, 'd', ARGV[2], 'p', ARGV[4], 'o', ARGV[5], 't', ARGV[7])
  redis.call('ZADD', KEYS[5], ARGV[7], ARGV[3])
end
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[3])
return {1, curv + 1}
`);

/** Delete with its index entries. KEYS: record, group all-set, group due zset. ARGV: id, group prefix. Returns 1 or 0. */
export const DELETE = new LuaScript(`
local cur = redis.call('HMGET', KEYS[1], 'p', 'o')
if not cur[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('SREM', ARGV[2] .. 'p:' .. cur[1], ARGV[1])
if cur[2] then redis.call('SREM', ARGV[2] .. 'o:' .. cur[2], ARGV[1]) end
return 1
`);

/**
 * The records of one group named by an index set (or the intersection of two), in one round
 * trip. KEYS: one or two sets of the group. ARGV: group prefix. Returns {id, data, id, data…}.
 */
export const LIST = new LuaScript(`
local ids
if #KEYS == 1 then ids = redis.call('SMEMBERS', KEYS[1]) else ids = redis.call('SINTER', KEYS[1], KEYS[2]) end
local out = {}
for _, id in ipairs(ids) do
  local d = redis.call('HGET', ARGV[1] .. 'c:' .. id, 'd')
  if d then
    out[#out + 1] = id
    out[#out + 1] = d
  end
end
return out
`);

/**
 * The due head of one group: ids scored <= now, soonest first, at most `limit`, each checked
 * against its record's own dueAt ('t'). It looks at up to 64 entries past `limit`, and
 * corrects every stale one among them on the spot (no record: removed; another dueAt: moved);
 * stale entries are never returned, and the caller asks again while any were found, so a
 * run of stale entries cannot hide a due record. KEYS: group due zset. ARGV: now, limit,
 * group prefix. Returns {stale count, id, dueAt, data, id, dueAt, data…}.
 */
export const DUE = new LuaScript(`
local limit = tonumber(ARGV[2])
local entries = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, limit + 64, 'WITHSCORES')
local out = {0}
local found = 0
for i = 1, #entries, 2 do
  local id = entries[i]
  local rec = redis.call('HMGET', ARGV[3] .. 'c:' .. id, 't', 'd')
  local t = tonumber(rec[1])
  if not rec[2] or not t then
    redis.call('ZREM', KEYS[1], id)
    out[1] = out[1] + 1
  elseif t ~= tonumber(entries[i + 1]) then
    redis.call('ZADD', KEYS[1], t, id)
    out[1] = out[1] + 1
  elseif found < limit then
    found = found + 1
    out[#out + 1] = id
    out[#out + 1] = rec[1]
    out[#out + 1] = rec[2]
  end
end
return out
`);

/** Replaces the data of a record only if it is still at the given version (re-encryption). */
export const REPLACE_IF_VERSION = new LuaScript(`
if redis.call('HGET', KEYS[1], 'v') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'd', ARGV[2])
  return 1
end
return 0
`);

/** Releases a lock only if the caller's token still holds it: compare and delete in one step (fencing). */
export const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** Extends a lock only if the caller's token still holds it: compare and expire in one step (fencing). */
export const EXTEND = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);
