//! wasi-threads end to end: 4 threads, a mutex, a condition variable, atomic counters, join.
//! Built with Zig for wasm32-wasi (threads.rs has the flags) and natively; the outputs must match.
//!
//! Zig 0.15's WASI threads store a thread's id only after `thread-spawn` returns, and `join`
//! waits for that id to become 0: a thread that ends before its id is stored is never joined.
//! So every worker waits for `go`, which the main thread sets after the last spawn.
const std = @import("std");

const workers = 4;
const rounds = 20000;

var mutex: std.Thread.Mutex = .{};
var cond: std.Thread.Condition = .{};
var ready: u32 = 0;
var go = false;
var total: u64 = 0;
var in_lock = std.atomic.Value(u32).init(0);
var max_in_lock: u32 = 0;
var atomic_count = std.atomic.Value(u32).init(0);
var per_thread: [workers]u64 = .{0} ** workers;

fn worker(id: u32) void {
    mutex.lock();
    ready += 1;
    cond.broadcast();
    while (!go) cond.wait(&mutex);
    mutex.unlock();
    var i: u32 = 0;
    var local: u64 = 0;
    while (i < rounds) : (i += 1) {
        mutex.lock();
        const inside = in_lock.fetchAdd(1, .seq_cst) + 1;
        if (inside > max_in_lock) max_in_lock = inside;
        total += (id + 1) * (i % 7);
        _ = in_lock.fetchSub(1, .seq_cst);
        mutex.unlock();
        _ = atomic_count.fetchAdd(1, .seq_cst);
        local +%= i * (id + 3);
    }
    per_thread[id] = local;
}

var arena: [4 << 20]u8 = undefined;

pub fn main() !void {
    // Threads are spawned and joined by the main thread only, so one fixed buffer serves.
    var fba = std.heap.FixedBufferAllocator.init(&arena);
    const config: std.Thread.SpawnConfig = .{ .allocator = fba.allocator(), .stack_size = 256 << 10 };
    var threads: [workers]std.Thread = undefined;
    for (&threads, 0..) |*t, i| t.* = try std.Thread.spawn(config, worker, .{@as(u32, @intCast(i))});
    mutex.lock();
    while (ready < workers) cond.wait(&mutex);
    go = true;
    cond.broadcast();
    mutex.unlock();
    for (threads) |t| t.join();
    var buf: [512]u8 = undefined;
    var out = std.fs.File.stdout().writer(&buf);
    const w = &out.interface;
    try w.print("threads {d} total {d} atomic {d} max in lock {d}\n", .{ workers, total, atomic_count.load(.seq_cst), max_in_lock });
    for (per_thread, 0..) |v, i| try w.print("thread {d}: {d}\n", .{ i, v });
    try w.flush();
}
