import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run with EVALSHA, falling back to EVAL once when the server does not have it
 * cached (NOSCRIPT after a restart or SCRIPT FLUSH). Scripts make multi-key updates atomic.
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
 * Versioned write. KEYS: record, all-index, provider-index, owner-index.
 * ARGV: expectedVersion, data, id, providerId, ownerId, key prefix.
 * Returns {1, newVersion} or {0, currentVersion}. Moves the id between index sets if the
 * provider or owner changed (index keys derived here: single Redis node or Sentinel, not Cluster).
 */
export const PUT = new LuaScript(`
local cur = redis.call('HGET', KEYS[1], 'v')
local curv = 0
if cur then curv = tonumber(cur) end
if curv ~= tonumber(ARGV[1]) then return {0, curv} end
if cur then
  local oldp = redis.call('HGET', KEYS[1], 'p')
  local oldo = redis.call('HGET', KEYS[1], 'o')
  if oldp and oldp ~= ARGV[4] then redis.call('SREM', ARGV[6] .. 'idx:p:' .. oldp, ARGV[3]) end
  if oldo and oldo ~= ARGV[5] then redis.call('SREM', ARGV[6] .. 'idx:o:' .. oldo, ARGV[3]) end
end
redis.call('HSET', KEYS[1], 'v', curv + 1, 'd', ARGV[2], 'p', ARGV[4], 'o', ARGV[5])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[3])
return {1, curv + 1}
`);

/** Delete with its index entries. KEYS: record, all-index. ARGV: id, key prefix. Returns 1 or 0. */
export const DELETE = new LuaScript(`
local p = redis.call('HGET', KEYS[1], 'p')
if not p then return 0 end
local o = redis.call('HGET', KEYS[1], 'o')
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SREM', ARGV[2] .. 'idx:p:' .. p, ARGV[1])
if o then redis.call('SREM', ARGV[2] .. 'idx:o:' .. o, ARGV[1]) end
return 1
`);

/** Replaces the data of a record only if it is still at the given version (re-encryption). */
export const REPLACE_IF_VERSION = new LuaScript(`
if redis.call('HGET', KEYS[1], 'v') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'd', ARGV[2])
  return 1
end
return 0
`);

/** Releases a lock only if the caller's token still holds it. */
export const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** Extends a lock only if the caller's token still holds it. */
export const EXTEND = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);
