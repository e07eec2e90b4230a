// Parallel sort and reduction on 2 threads (wasi-threads in Wasm, pthreads natively): each round
// fills an array of pseudo-random u32 keys, sorts each half on its own thread, merges them, then
// sums a hash of the sorted keys in two halves in parallel. A worker thread started once takes
// the second half of each job (futex wait/wake); the main thread does the first. args: log2(keys) rounds
//
// (Zig 0.15's WASI `Thread.join` is not used: it stores a thread's id after `thread-spawn`
// returns and waits for it to become 0, so a thread that ends first is never joined, and its
// wait is non-volatile inline assembly that ReleaseFast deletes, leaving a spin loop.)
const std = @import("std");
const Futex = std.Thread.Futex;

const Part = struct {
    keys: []u32,
    sum: u64 = 0,
};

fn sortPart(p: *Part) void {
    std.mem.sort(u32, p.keys, {}, std.sort.asc(u32));
}

fn reducePart(p: *Part) void {
    var s: u64 = 0;
    for (p.keys, 0..) |k, i| {
        var h: u64 = (@as(u64, k) ^ i) *% 0x9E3779B97F4A7C15;
        h ^= h >> 29;
        s +%= h;
    }
    p.sum = s;
}

/// The worker's job: `posted` counts jobs given, `done` jobs finished.
var job: struct { f: *const fn (*Part) void = sortPart, part: *Part = undefined } = .{};
var posted = std.atomic.Value(u32).init(0);
var done = std.atomic.Value(u32).init(0);

fn workerLoop() void {
    var seen: u32 = 0;
    while (true) {
        while (posted.load(.acquire) == seen) Futex.wait(&posted, seen);
        seen = posted.load(.acquire);
        job.f(job.part);
        done.store(seen, .release);
        Futex.wake(&done, 1);
    }
}

/// Runs `f` on `a` in the worker and on `b` here; returns when both are done.
fn both(f: *const fn (*Part) void, a: *Part, b: *Part) void {
    job = .{ .f = f, .part = a };
    const n = posted.load(.monotonic) + 1;
    posted.store(n, .release);
    Futex.wake(&posted, 1);
    f(b);
    while (true) {
        const d = done.load(.acquire);
        if (d == n) break;
        Futex.wait(&done, d);
    }
}

var thread_arena: [1 << 20]u8 = undefined;
const max_log2 = 22;
var keys_buf: [1 << max_log2]u32 = undefined;
var merged_buf: [1 << max_log2]u32 = undefined;
var args_arena: [4096]u8 = undefined;

pub fn main() !void {
    var args_fba = std.heap.FixedBufferAllocator.init(&args_arena);
    const args = try std.process.argsAlloc(args_fba.allocator());
    const log2 = if (args.len > 1) try std.fmt.parseInt(u5, args[1], 10) else max_log2;
    const rounds = if (args.len > 2) try std.fmt.parseInt(u32, args[2], 10) else 6;
    const n = @as(usize, 1) << @min(log2, max_log2);
    const keys = keys_buf[0..n];
    const merged = merged_buf[0..n];
    var fba = std.heap.FixedBufferAllocator.init(&thread_arena);
    const worker = try std.Thread.spawn(.{ .allocator = fba.allocator(), .stack_size = 256 << 10 }, workerLoop, .{});
    worker.detach();
    var total: u64 = 0;
    var seed: u64 = 0x2545F4914F6CDD1D;
    var r: u32 = 0;
    while (r < rounds) : (r += 1) {
        for (keys) |*k| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            k.* = @truncate(seed >> 16);
        }
        var lo = Part{ .keys = keys[0 .. n / 2] };
        var hi = Part{ .keys = keys[n / 2 ..] };
        both(sortPart, &lo, &hi);
        var i: usize = 0;
        var j: usize = 0;
        for (merged) |*m| {
            if (j >= hi.keys.len or (i < lo.keys.len and lo.keys[i] <= hi.keys[j])) {
                m.* = lo.keys[i];
                i += 1;
            } else {
                m.* = hi.keys[j];
                j += 1;
            }
        }
        var a = Part{ .keys = merged[0 .. n / 2] };
        var b = Part{ .keys = merged[n / 2 ..] };
        both(reducePart, &a, &b);
        total +%= a.sum +% b.sum +% merged[n / 3];
    }
    var buf: [128]u8 = undefined;
    var out = std.fs.File.stdout().writer(&buf);
    try out.interface.print("par_sort {d} keys x {d}: {d}\n", .{ n, rounds, total });
    try out.interface.flush();
}
