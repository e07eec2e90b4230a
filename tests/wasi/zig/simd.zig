// Zig's portable vectors (@Vector), which the simd128 feature (-mcpu generic+simd128) lowers to
// SIMD-128: wrapping, saturating and widening integer arithmetic, shifts, min/max, comparisons and
// @select, @shuffle, @reduce, float arithmetic, sqrt/floor and int/float conversions on vectors of
// pseudo-random and edge values, each checked against the same computation lane by lane in scalar
// code; then a vectorized sum of squares and a byte histogram of a buffer.
// build-flags: -mcpu generic+simd128
const std = @import("std");

const V16u8 = @Vector(16, u8);
const V8i16 = @Vector(8, i16);
const V4i32 = @Vector(4, i32);
const V4f32 = @Vector(4, f32);
const V2i64 = @Vector(2, i64);

var state: u64 = 0x2545f4914f6cdd1d;
fn next() u64 {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

fn random(comptime V: type) V {
    var bytes: [16]u8 = undefined;
    for (&bytes) |*b| b.* = @truncate(next());
    return @bitCast(bytes);
}

var failures: u32 = 0;
fn check(out: *std.Io.Writer, name: []const u8, comptime V: type, got: V, want: V) !void {
    const g: [@sizeOf(V)]u8 = @bitCast(got);
    const w: [@sizeOf(V)]u8 = @bitCast(want);
    if (!std.mem.eql(u8, &g, &w)) {
        failures += 1;
        try out.print("MISMATCH {s}: got {any}, want {any}\n", .{ name, g, w });
    }
}

// `f` applied lane by lane, in scalar code (the loop is kept scalar by noinline element access).
fn lanewise(comptime V: type, comptime R: type, a: V, b: V, comptime f: anytype) R {
    const n = @typeInfo(V).vector.len;
    var r: [n]@typeInfo(R).vector.child = undefined;
    const x: [n]@typeInfo(V).vector.child = a;
    const y: [n]@typeInfo(V).vector.child = b;
    inline for (0..n) |i| r[i] = @call(.never_inline, f, .{ x[i], y[i] });
    return r;
}

fn addWrap(x: u8, y: u8) u8 { return x +% y; }
fn addSat(x: u8, y: u8) u8 { return x +| y; }
fn subSat(x: i16, y: i16) i16 { return x -| y; }
fn mulWrap(x: i16, y: i16) i16 { return x *% y; }
fn mul32(x: i32, y: i32) i32 { return x *% y; }
fn mul64(x: i64, y: i64) i64 { return x *% y; }
fn maxU8(x: u8, y: u8) u8 { return @max(x, y); }
fn minI32(x: i32, y: i32) i32 { return @min(x, y); }
fn shl(x: i32, y: i32) i32 { return x << @as(u5, @truncate(@as(u32, @bitCast(y)))); }
fn sar(x: i16, y: i16) i16 { return x >> @as(u4, @truncate(@as(u16, @bitCast(y)))); }
fn ltPick(x: i32, y: i32) i32 { return if (x < y) x -% y else y; }
fn fadd(x: f32, y: f32) f32 { return x + y; }
fn fmul(x: f32, y: f32) f32 { return x * y; }
fn fdiv(x: f32, y: f32) f32 { return x / y; }
fn fsqrt(x: f32, _: f32) f32 { return @sqrt(@abs(x)); }
fn ffloor(x: f32, _: f32) f32 { return @floor(x); }
fn toFloat(x: i32, _: i32) f32 { return @floatFromInt(x); }
fn toInt(x: f32, _: f32) i32 { return @intFromFloat(x); }

fn small(comptime V: type) V {
    const i: V4i32 = random(V4i32) >> @splat(12);
    return @as(V4f32, @floatFromInt(i)) / @as(V4f32, @splat(16.0));
}

pub fn main() !void {
    var buf: [4096]u8 = undefined;
    var w = std.fs.File.stdout().writer(&buf);
    const out = &w.interface;

    for (0..200) |_| {
        const a8 = random(V16u8);
        const b8 = random(V16u8);
        try check(out, "u8 +%", V16u8, a8 +% b8, lanewise(V16u8, V16u8, a8, b8, addWrap));
        try check(out, "u8 +|", V16u8, a8 +| b8, lanewise(V16u8, V16u8, a8, b8, addSat));
        try check(out, "u8 @max", V16u8, @max(a8, b8), lanewise(V16u8, V16u8, a8, b8, maxU8));
        const a16 = random(V8i16);
        const b16 = random(V8i16);
        try check(out, "i16 -|", V8i16, a16 -| b16, lanewise(V8i16, V8i16, a16, b16, subSat));
        try check(out, "i16 *%", V8i16, a16 *% b16, lanewise(V8i16, V8i16, a16, b16, mulWrap));
        const c16 = b16 & @as(V8i16, @splat(15));
        try check(out, "i16 >>", V8i16, a16 >> @intCast(c16), lanewise(V8i16, V8i16, a16, c16, sar));
        const a32 = random(V4i32);
        const b32 = random(V4i32);
        try check(out, "i32 *%", V4i32, a32 *% b32, lanewise(V4i32, V4i32, a32, b32, mul32));
        try check(out, "i32 @min", V4i32, @min(a32, b32), lanewise(V4i32, V4i32, a32, b32, minI32));
        const c32 = b32 & @as(V4i32, @splat(31));
        try check(out, "i32 <<", V4i32, a32 << @intCast(c32), lanewise(V4i32, V4i32, a32, c32, shl));
        try check(out, "i32 @select", V4i32, @select(i32, a32 < b32, a32 -% b32, b32), lanewise(V4i32, V4i32, a32, b32, ltPick));
        const a64 = random(V2i64);
        const b64 = random(V2i64);
        try check(out, "i64 *%", V2i64, a64 *% b64, lanewise(V2i64, V2i64, a64, b64, mul64));
        const wide: @Vector(8, i32) = a16;
        const wa: [8]i16 = a16;
        var ws: [8]i32 = undefined;
        for (wa, 0..) |x, i| ws[i] = x;
        try check(out, "i16 -> i32", @Vector(8, i32), wide, ws);
        const sh = @shuffle(u8, a8, b8, [16]i32{ 0, -1, 15, -16, 3, 3, -8, 7, 1, -2, 14, -15, 2, -3, 13, -14 });
        const sa: [16]u8 = a8;
        const sb: [16]u8 = b8;
        const sw = [16]u8{ sa[0], sb[0], sa[15], sb[15], sa[3], sa[3], sb[7], sa[7], sa[1], sb[1], sa[14], sb[14], sa[2], sb[2], sa[13], sb[13] };
        try check(out, "@shuffle", V16u8, sh, sw);
        var sum: u32 = 0;
        for (sa) |x| sum += x;
        const vsum: u32 = @reduce(.Add, @as(@Vector(16, u32), a8));
        try check(out, "@reduce(.Add)", V4i32, @splat(@bitCast(vsum)), @splat(@bitCast(sum)));

        const f = small(V4f32);
        const g = small(V4f32) + @as(V4f32, @splat(0.5));
        try check(out, "f32 +", V4f32, f + g, lanewise(V4f32, V4f32, f, g, fadd));
        try check(out, "f32 *", V4f32, f * g, lanewise(V4f32, V4f32, f, g, fmul));
        try check(out, "f32 /", V4f32, f / g, lanewise(V4f32, V4f32, f, g, fdiv));
        try check(out, "@sqrt", V4f32, @sqrt(@abs(f)), lanewise(V4f32, V4f32, f, f, fsqrt));
        try check(out, "@floor", V4f32, @floor(f), lanewise(V4f32, V4f32, f, f, ffloor));
        try check(out, "@floatFromInt", V4f32, @floatFromInt(a32), lanewise(V4i32, V4f32, a32, a32, toFloat));
        try check(out, "@intFromFloat", V4i32, @intFromFloat(f), lanewise(V4f32, V4i32, f, f, toInt));
    }
    try out.print("lane checks: {d} failures\n", .{failures});

    // A sum of squares of bytes, 16 at a time with widening, and a histogram of the same bytes.
    var data: [1000]u8 = undefined;
    for (&data) |*b| b.* = @truncate(next() >> 11);
    var acc: @Vector(16, u32) = @splat(0);
    var i: usize = 0;
    while (i + 16 <= data.len) : (i += 16) {
        const v: @Vector(16, u32) = @as(V16u8, data[i..][0..16].*);
        acc += v * v;
    }
    var squares: u32 = @reduce(.Add, acc);
    while (i < data.len) : (i += 1) squares += @as(u32, data[i]) * data[i];
    var scalar: u32 = 0;
    for (data) |b| scalar += @as(u32, b) * b;
    var hist = [_]u32{0} ** 8;
    for (data) |b| hist[b >> 5] += 1;
    try out.print("sum of squares: vector {d}, scalar {d}\nhistogram: {any}\n", .{ squares, scalar, hist });
    try out.flush();
}
