// Rust's standard library on wasm32-wasi, built by Debian's rustc: std::env (arguments, the
// environment), std::fs (read, create_dir_all, write, append, seek, metadata, rename, read_dir,
// read_link, copy, remove), std::io on stdin/stdout/stderr, formatting, and the errors of escape
// attempts (ENOTCAPABLE is "Capabilities insufficient (os error 76)"). Exits with 7.
// dir: data::/data
// env: GREETING=hello from the environment
// env: EMPTY=
// args: first "second arg"
// stdin: one line of input
// stdin: and another
// exit: 7
use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args: {:?}", args);
    let vars: BTreeMap<String, String> = std::env::vars().collect();
    println!("env: {:?}", vars);
    println!("current_dir: {:?}", std::env::current_dir().map_err(|e| e.kind()));

    let lines: Vec<String> = io::stdin().lock().lines().map(|l| l.unwrap()).collect();
    println!("stdin: {} lines, longest {:?}", lines.len(), lines.iter().max_by_key(|l| l.len()));

    let hello = fs::read_to_string("/data/hello.txt").unwrap();
    print!("hello.txt: {}", hello);
    fs::create_dir_all("/data/rust/deep/er").unwrap();
    let mut f = fs::File::create("/data/rust/table.txt").unwrap();
    for i in 1..=4u32 {
        writeln!(f, "{:>3} {:<6}|{:08.3}|{:#x}", i, "x".repeat(i as usize), 1.0 / i as f64, i * 255).unwrap();
    }
    drop(f);
    let mut f = OpenOptions::new().append(true).open("/data/rust/table.txt").unwrap();
    writeln!(f, "appended").unwrap();
    let mut f = fs::File::open("/data/rust/table.txt").unwrap();
    f.seek(SeekFrom::Start(4)).unwrap();
    let mut rest = String::new();
    f.read_to_string(&mut rest).unwrap();
    print!("table.txt from byte 4:\n{}", rest);
    let meta = fs::metadata("/data/rust/table.txt").unwrap();
    println!("len {} file {} dir {} readonly {}", meta.len(), meta.is_file(), meta.is_dir(), meta.permissions().readonly());

    fs::rename("/data/rust/table.txt", "/data/rust/deep/table.txt").unwrap();
    println!("read_link: {:?}", fs::read_link("/data/link_ok").unwrap());
    println!("through the link: {} bytes", fs::read("/data/link_ok").unwrap().len());
    println!("symlink_metadata is a link: {}", fs::symlink_metadata("/data/link_ok").unwrap().file_type().is_symlink());
    let mut names: Vec<String> =
        fs::read_dir("/data/rust").unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("read_dir: {:?}", names);
    fs::copy("/data/rust/deep/table.txt", "/data/rust/copy.txt").unwrap();
    println!("remove_dir on a non-empty directory: {}", fs::remove_dir("/data/rust/deep").unwrap_err());
    fs::remove_dir("/data/rust/deep/er").unwrap();

    for path in ["/data/../outside/secret.txt", "/data/link_out", "/data/link_abs", "/etc/passwd", "/data/missing.txt"] {
        match fs::read_to_string(path) {
            Ok(_) => println!("{}: READ (escaped!)", path),
            Err(e) => println!("{}: {}", path, e),
        }
    }
    eprintln!("a line on stderr");
    io::stdout().flush().unwrap();
    std::process::exit(7);
}
