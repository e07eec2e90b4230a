// AssemblyScript with @assemblyscript/wasi-shim: console, process.argv/env/exit, Math.random and
// Date.now through WASI, and file I/O with the raw WASI bindings the shim ships (the language has
// no file API): the preopen's name, reading a host file, creating a directory and a file, and
// escape attempts that must fail with errno 76 (ENOTCAPABLE). Exits with 5.
// dir: data::/data
// env: GREETING=hello from the environment
// args: first second
// exit: 5
import {
  path_open, fd_write, fd_read, fd_close, fd_prestat_get, fd_prestat_dir_name,
  path_create_directory, errno, rights, oflags, prestat
} from "bindings/wasi_snapshot_preview1";

const scratch = memory.data(64);

function cstr(s: string): ArrayBuffer {
  return String.UTF8.encode(s, false);
}

/** path_open below the preopen (descriptor 3): the new descriptor, or minus the errno. */
function openAt(path: string, ofl: u16, r: u64): i32 {
  const p = cstr(path);
  const err = path_open(3, 1, changetype<usize>(p), p.byteLength, ofl, r, r, 0, scratch);
  if (err != errno.SUCCESS) return -<i32>err;
  return load<u32>(scratch);
}

function writeAll(fd: u32, s: string): u16 {
  const b = cstr(s);
  store<usize>(scratch, changetype<usize>(b));
  store<usize>(scratch, b.byteLength, 4);
  return fd_write(fd, scratch, 1, scratch + 8);
}

function readAll(fd: u32): string {
  const buf = new ArrayBuffer(256);
  store<usize>(scratch, changetype<usize>(buf));
  store<usize>(scratch, 256, 4);
  const err = fd_read(fd, scratch, 1, scratch + 8);
  if (err) return "error " + err.toString();
  return String.UTF8.decode(buf.slice(0, load<u32>(scratch, 8)));
}

console.log("args: " + process.argv.slice(1).join(", "));
console.log("GREETING=" + (process.env.has("GREETING") ? process.env.get("GREETING") : "(unset)"));
console.log("environment size: " + process.env.size.toString());

let err = fd_prestat_get(3, changetype<prestat>(scratch));
const nameLength = load<u32>(scratch, 4);
console.log("prestat(3): errno " + err.toString() + ", name length " + nameLength.toString());
fd_prestat_dir_name(3, scratch + 16, nameLength);
console.log("preopen name: " + String.UTF8.decodeUnsafe(scratch + 16, nameLength));

const hello = openAt("hello.txt", 0, rights.FD_READ);
console.log("hello.txt: " + readAll(<u32>hello).trimEnd());
fd_close(<u32>hello);

const dir = cstr("asc");
console.log("mkdir asc: errno " + path_create_directory(3, changetype<usize>(dir), dir.byteLength).toString());
const f = openAt("asc/greeting.txt", oflags.CREAT | oflags.TRUNC, rights.FD_WRITE);
console.log("write: errno " + writeAll(<u32>f, "written by AssemblyScript\n").toString());
fd_close(<u32>f);
console.log("open a missing file: errno " + (-openAt("missing.txt", 0, rights.FD_READ)).toString());
console.log("escape ../outside/secret.txt: errno " + (-openAt("../outside/secret.txt", 0, rights.FD_READ)).toString());
console.log("escape link_out: errno " + (-openAt("link_out", 0, rights.FD_READ)).toString());
console.log("escape /etc/passwd: errno " + (-openAt("/etc/passwd", 0, rights.FD_READ)).toString());

const r = Math.random();
console.log("Math.random() in [0, 1): " + (r >= 0 && r < 1 ? "yes" : "no"));
console.log("Date.now() after 2020: " + (Date.now() > 1577836800000 ? "yes" : "no"));
process.stderr.write("a line on stderr\n");
process.exit(5);
