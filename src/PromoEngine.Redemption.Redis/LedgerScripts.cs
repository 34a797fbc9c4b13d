namespace PromoEngine.Redemption.Redis;

/// <summary>
/// The Lua scripts of the Redis ledger. Every script declares the same keys, all of one hash tag:
/// KEYS[1] consumed (hash counter → committed amount), KEYS[2] reserved (hash counter → amount held by
/// live reservations), KEYS[3] expiry (sorted set order id → expiry in ms), KEYS[4] state (hash order id →
/// status), KEYS[5] holds (hash order id → the deltas a live reservation holds), KEYS[6] the order (hash).
/// ARGV[1] is always now in Unix ms, from the ledger's TimeProvider. Each script first releases every
/// reservation expired at now, so what it reads is live. Counter amounts are passed and kept as decimal
/// strings; Lua compares them as doubles, exact up to 2^53 (the ledger's bound).
/// </summary>
internal static class LedgerScripts
{
    private const string Common = """
        local function each_delta(text, f)
          for key, amount in string.gmatch(text, '([^\t\n]+)\t(%d+)\n') do f(key, amount) end
        end
        local function unhold(id)
          local held = redis.call('HGET', KEYS[5], id)
          if held then
            each_delta(held, function(key, amount)
              if redis.call('HINCRBY', KEYS[2], key, '-' .. amount) <= 0 then redis.call('HDEL', KEYS[2], key) end
            end)
            redis.call('HDEL', KEYS[5], id)
          end
          redis.call('ZREM', KEYS[3], id)
          return held
        end
        local function sweep(now)
          local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
          for i = 1, #ids do
            unhold(ids[i])
            if redis.call('HGET', KEYS[4], ids[i]) == 'reserved' then redis.call('HSET', KEYS[4], ids[i], 'expired') end
          end
          return #ids
        end
        local function give_back(id)
          each_delta(redis.call('HGET', KEYS[6], 'deltas') or '', function(key, amount)
            if redis.call('HINCRBY', KEYS[1], key, '-' .. amount) <= 0 then redis.call('HDEL', KEYS[1], key) end
          end)
          redis.call('HSET', KEYS[4], id, 'revoked')
        end

        """;

    /// <summary>
    /// ARGV: now, order id, fingerprint, customer ('' for none), expires at, deltas text, result, n, then n
    /// triples (counter, amount, limit or ''). Answers {'exists', fingerprint}, {'exceeded', {index,
    /// consumed, reserved, …}} or {'reserved'}.
    /// </summary>
    public const string Reserve = Common + """
        sweep(ARGV[1])
        local id = ARGV[2]
        if redis.call('HEXISTS', KEYS[4], id) == 1 then
          return {'exists', redis.call('HGET', KEYS[6], 'fingerprint')}
        end
        local n = tonumber(ARGV[8])
        local exceeded = {}
        for i = 0, n - 1 do
          local at = 9 + 3 * i
          local limit = ARGV[at + 2]
          if limit ~= '' then
            local consumed = tonumber(redis.call('HGET', KEYS[1], ARGV[at]) or '0')
            local reserved = tonumber(redis.call('HGET', KEYS[2], ARGV[at]) or '0')
            if consumed + reserved + tonumber(ARGV[at + 1]) > tonumber(limit) then
              exceeded[#exceeded + 1] = i
              exceeded[#exceeded + 1] = consumed
              exceeded[#exceeded + 1] = reserved
            end
          end
        end
        if #exceeded > 0 then return {'exceeded', exceeded} end
        for i = 0, n - 1 do
          local at = 9 + 3 * i
          redis.call('HINCRBY', KEYS[2], ARGV[at], ARGV[at + 1])
        end
        redis.call('HSET', KEYS[5], id, ARGV[6])
        redis.call('HSET', KEYS[4], id, 'reserved')
        redis.call('ZADD', KEYS[3], ARGV[5], id)
        redis.call('HSET', KEYS[6], 'fingerprint', ARGV[3], 'createdAt', ARGV[1], 'expiresAt', ARGV[5],
          'deltas', ARGV[6], 'result', ARGV[7], 'returns', '0')
        if ARGV[4] ~= '' then redis.call('HSET', KEYS[6], 'customer', ARGV[4]) end
        return {'reserved'}
        """;

    /// <summary>
    /// ARGV: now, order id, 'commit' | 'release' | 'revoke'. Answers {'notfound'} or {outcome, status} with
    /// outcome 'done', 'already' or 'refused' (OrderTransitions.Decide).
    /// </summary>
    public const string Transition = Common + """
        sweep(ARGV[1])
        local id = ARGV[2]
        local op = ARGV[3]
        local state = redis.call('HGET', KEYS[4], id)
        if not state then return {'notfound'} end
        if op == 'commit' then
          if state == 'reserved' then
            each_delta(unhold(id) or '', function(key, amount) redis.call('HINCRBY', KEYS[1], key, amount) end)
            redis.call('HSET', KEYS[4], id, 'committed')
            redis.call('HSET', KEYS[6], 'committedAt', ARGV[1])
            return {'done', 'committed'}
          elseif state == 'committed' or state == 'revoked' then return {'already', state} end
        elseif op == 'release' then
          if state == 'reserved' then
            unhold(id)
            redis.call('HSET', KEYS[4], id, 'released')
            return {'done', 'released'}
          elseif state == 'released' or state == 'expired' then return {'already', state} end
        elseif op == 'revoke' then
          if state == 'committed' then
            give_back(id)
            return {'done', 'revoked'}
          elseif state == 'revoked' then return {'already', state} end
        end
        return {'refused', state}
        """;

    /// <summary>ARGV: now, then counters. Answers {consumed…, reserved…} (nil for none).</summary>
    public const string Read = Common + """
        sweep(ARGV[1])
        local fields = {}
        for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
        return {redis.call('HMGET', KEYS[1], unpack(fields)), redis.call('HMGET', KEYS[2], unpack(fields))}
        """;

    /// <summary>ARGV: now, order id. Answers {status or false, the order hash as a flat list}.</summary>
    public const string Get = Common + """
        sweep(ARGV[1])
        return {redis.call('HGET', KEYS[4], ARGV[2]), redis.call('HGETALL', KEYS[6])}
        """;

    /// <summary>
    /// ARGV: now, order id, return id, fingerprint, record, expected count, '1' for a full return. Answers
    /// {'notfound'}, {'repeated', record, status}, {'reused', status}, {'notcommitted', status},
    /// {'stale', status} or {'recorded', status}.
    /// </summary>
    public const string AppendReturn = Common + """
        sweep(ARGV[1])
        local id = ARGV[2]
        local state = redis.call('HGET', KEYS[4], id)
        if not state then return {'notfound'} end
        local fingerprint = redis.call('HGET', KEYS[6], 'returnfp:' .. ARGV[3])
        if fingerprint then
          if fingerprint == ARGV[4] then return {'repeated', redis.call('HGET', KEYS[6], 'return:' .. ARGV[3]), state} end
          return {'reused', state}
        end
        if state ~= 'committed' then return {'notcommitted', state} end
        local count = tonumber(redis.call('HGET', KEYS[6], 'returns') or '0')
        if count ~= tonumber(ARGV[6]) then return {'stale', state} end
        redis.call('HSET', KEYS[6], 'return:' .. ARGV[3], ARGV[5], 'returnfp:' .. ARGV[3], ARGV[4],
          'returnseq:' .. (count + 1), ARGV[3], 'returns', tostring(count + 1))
        if ARGV[7] == '1' then
          give_back(id)
          return {'recorded', 'revoked'}
        end
        return {'recorded', state}
        """;

    /// <summary>ARGV: now. Answers how many reservations it released.</summary>
    public const string Sweep = Common + """
        return sweep(ARGV[1])
        """;
}
