// Lua 5.4 (the sources bundled by the lua-src crate) running a script of ours: recursion, closures,
// tables as arrays and hash maps, metatables, string building, gsub/find/format, and table.sort.
// Built with errors that abort instead of longjmp (wasi-libc has no setjmp): the script raises none.
// args: [scale] (default 4). Checksum: the script's printed results.
#include <stdio.h>
#include <stdlib.h>
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

static const char *script =
    "local scale = ...\n"
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
    "local acc = 0\n"
    "for i = 1, scale do acc = acc + fib(24) end\n"
    "print('fib', acc)\n"
    // sieve with an array table
    "local function sieve(n)\n"
    "  local comp, count = {}, 0\n"
    "  for i = 2, n do\n"
    "    if not comp[i] then count = count + 1; for j = i * i, n, i do comp[j] = true end end\n"
    "  end\n"
    "  return count\n"
    "end\n"
    "print('primes', sieve(400000 * scale))\n"
    // hash map with string keys, closures as counters
    "local counts = {}\n"
    "local function counter(key) return function() counts[key] = (counts[key] or 0) + 1 end end\n"
    "local fns = {}\n"
    "for i = 1, 500 do fns[i] = counter('k' .. (i % 97)) end\n"
    "for r = 1, 300 * scale do for i = 1, 500 do fns[i]() end end\n"
    "local keys = {}\n"
    "for k, v in pairs(counts) do keys[#keys + 1] = k .. '=' .. v end\n"
    "table.sort(keys)\n"
    "print('counts', #keys, keys[1], keys[#keys])\n"
    // objects with metatables
    "local Vec = {}\n"
    "Vec.__index = Vec\n"
    "Vec.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, Vec) end\n"
    "function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end\n"
    "function Vec:len2() return self.x * self.x + self.y * self.y end\n"
    "local v, s = Vec.new(0, 0), 0\n"
    "for i = 1, 200000 * scale do v = v + Vec.new(i % 7 - 3, i % 5 - 2); s = s + v:len2() % 1000 end\n"
    "print('vec', v.x, v.y, s)\n"
    // strings: building, formatting, pattern matching
    "local parts = {}\n"
    "for i = 1, 20000 * scale do parts[#parts + 1] = string.format('%05d:%x;', i, i * 2654435761 % 4294967296) end\n"
    "local text = table.concat(parts)\n"
    "local n = 0\n"
    "for a, b in text:gmatch('(%d+):(%x+);') do if #b % 2 == 0 then n = n + 1 end end\n"
    "local replaced, cnt = text:gsub('0+', '#')\n"
    "print('strings', #text, n, cnt, #replaced, text:find('12345:', 1, true))\n"
    // sorting records with a comparator
    "local recs, seed = {}, 12345\n"
    "for i = 1, 30000 * scale do seed = (seed * 1103515245 + 12345) % 2147483648; recs[i] = {k = seed % 1000, i = i} end\n"
    "table.sort(recs, function(a, b) if a.k ~= b.k then return a.k < b.k end return a.i < b.i end)\n"
    "local h = 0\n"
    "for i = 1, #recs, 101 do h = (h * 31 + recs[i].i) % 1000000007 end\n"
    "print('sort', #recs, recs[1].k, recs[#recs].k, h)\n";

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 4;
    lua_State *L = luaL_newstate();
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_settop(L, 0);
    if (luaL_loadstring(L, script) != LUA_OK) {
        fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
        return 1;
    }
    lua_pushinteger(L, scale);
    lua_call(L, 1, 0);
    lua_close(L);
    printf("lua %s done\n", LUA_RELEASE);
    return 0;
}
