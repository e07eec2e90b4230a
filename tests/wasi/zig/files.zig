// Zig 0.15 with its own standard library (no libc): arguments, environment, and the file system
// through std.fs (the first preopened directory is std.fs.cwd()): read, create, seek, append, stat,
// rename, symlink, readlink, iterate a directory, delete; then two escape attempts, which fail
// (`..`: AccessDenied, i.e. ENOTCAPABLE; a link out of the sandbox, opened without following: SymLinkLoop)
// and an exit status of 3.
// dir: data::/data
// env: GREETING=hello from the environment
// args: first "second arg"
// exit: 3
const std = @import("std");

pub fn main() !void {
    var buf: [4096]u8 = undefined;
    var w = std.fs.File.stdout().writer(&buf);
    const out = &w.interface;
    const alloc = std.heap.page_allocator;

    const args = try std.process.argsAlloc(alloc);
    defer std.process.argsFree(alloc, args);
    try out.print("argc = {d}\n", .{args.len});
    for (args[1..], 1..) |a, i| try out.print("argv[{d}] = {s}\n", .{ i, a });

    var env = try std.process.getEnvMap(alloc);
    defer env.deinit();
    try out.print("GREETING = {s}\n", .{env.get("GREETING") orelse "(unset)"});
    try out.print("environment size = {d}\n", .{env.count()});

    const cwd = std.fs.cwd();
    const hello = try cwd.readFileAlloc(alloc, "hello.txt", 1 << 20);
    try out.print("hello.txt: {s}", .{hello});

    try cwd.makeDir("zig-out");
    try cwd.writeFile(.{ .sub_path = "zig-out/numbers.txt", .data = "1 2 3\n" });
    var f = try cwd.openFile("zig-out/numbers.txt", .{ .mode = .read_write });
    try f.seekFromEnd(0);
    _ = try f.write("4 5 6\n");
    const st = try f.stat();
    try out.print("numbers.txt size = {d}, kind = {s}\n", .{ st.size, @tagName(st.kind) });
    f.close();
    try cwd.rename("zig-out/numbers.txt", "zig-out/renamed.txt");
    try cwd.symLink("renamed.txt", "zig-out/link", .{});
    var lbuf: [64]u8 = undefined;
    try out.print("link -> {s}\n", .{try cwd.readLink("zig-out/link", &lbuf)});

    var dir = try cwd.openDir("zig-out", .{ .iterate = true });
    var names: std.ArrayList([]const u8) = .empty;
    var it = dir.iterate();
    while (try it.next()) |e| try names.append(alloc, try alloc.dupe(u8, e.name));
    std.mem.sort([]const u8, names.items, {}, struct {
        fn lt(_: void, a: []const u8, b: []const u8) bool {
            return std.mem.lessThan(u8, a, b);
        }
    }.lt);
    for (names.items) |n| try out.print("entry {s}\n", .{n});
    dir.close();

    if (cwd.openFile("../outside/secret.txt", .{})) |_| {
        try out.print("escape: OPENED\n", .{});
    } else |err| try out.print("escape: {s}\n", .{@errorName(err)});
    if (cwd.openFile("link_out", .{})) |_| {
        try out.print("symlink escape: OPENED\n", .{});
    } else |err| try out.print("symlink escape: {s}\n", .{@errorName(err)});

    try cwd.deleteFile("zig-out/link");
    try out.flush();
    std.process.exit(3);
}
