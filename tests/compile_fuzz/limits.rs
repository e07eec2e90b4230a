//! Modules that declare limits a compiler cannot take for granted, generated here (no committed
//! binaries): each must be rejected with one clear error or compile in bounded time and memory,
//! never overflow the compiler's stack.

fn leb(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn section(id: u8, body: Vec<u8>, out: &mut Vec<u8>) {
    out.push(id);
    leb(body.len() as u64, out);
    out.extend(body);
}

/// A vector: its count, then its items.
fn vec_of(count: u64, item: impl Fn(u64, &mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    leb(count, &mut out);
    for i in 0..count {
        item(i, &mut out);
    }
    out
}

/// A module of `funcs` functions of type `() -> ()` with `body(i)` (locals and code, no size),
/// and `extra` sections (id, contents) placed by id.
fn module(funcs: u64, body: impl Fn(u64) -> Vec<u8>, extra: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"\0asm\x01\0\0\0".to_vec();
    let mut sections: Vec<(u8, Vec<u8>)> = vec![(1, vec![1, 0x60, 0, 0])];
    if funcs > 0 {
        sections.push((3, vec_of(funcs, |_, o| o.push(0))));
        sections.push((10, vec_of(funcs, |i, o| {
            let b = body(i);
            leb(b.len() as u64, o);
            o.extend(b);
        })));
    }
    sections.extend(extra.iter().cloned());
    // Sections in the binary's order: data count (12) before code (10), data (11) after.
    let rank = |id: u8| match id { 12 => 9.5, 10 => 10.0, 11 => 11.0, n => f64::from(n) };
    sections.sort_by(|a, b| rank(a.0).total_cmp(&rank(b.0)));
    for (id, body) in sections {
        section(id, body, &mut out);
    }
    out
}

/// `depth` nested `block`s (or `loop`s), closed.
fn nested(depth: usize, opcode: u8) -> Vec<u8> {
    let mut b = vec![0];
    for _ in 0..depth {
        b.extend([opcode, 0x40]);
    }
    b.extend(std::iter::repeat_n(0x0b, depth + 1));
    b
}

/// `count` locals of type i32 in one declaration; the body reads the last.
fn locals(count: u64) -> Vec<u8> {
    let mut b = vec![1];
    leb(count, &mut b);
    b.push(0x7f);
    b.push(0x20);
    leb(count - 1, &mut b);
    b.extend([0x1a, 0x0b]);
    b
}

fn one_memory() -> (u8, Vec<u8>) {
    (5, vec![1, 0, 1])
}

/// `count` active data segments of one byte each (a data count section declares `declared`).
fn data_segments(count: u64, declared: Option<u64>) -> Vec<u8> {
    // Each at offset 0 (`i32.const 0`), one byte.
    let mut extra = vec![one_memory(), (11, vec_of(count, |_, o| o.extend([0, 0x41, 0, 0x0b, 1, 0xaa])))];
    if let Some(n) = declared {
        let mut b = Vec::new();
        leb(n, &mut b);
        extra.push((12, b));
    }
    module(0, |_| Vec::new(), &extra)
}

/// A table of funcref with minimum `min`.
fn table(min: u64) -> Vec<u8> {
    let mut b = vec![1, 0x70, 0];
    leb(min, &mut b);
    module(0, |_| Vec::new(), &[(4, b)])
}

pub struct Limit {
    pub name: &'static str,
    pub module: fn() -> Vec<u8>,
    /// `None`: must compile; `Some(text)`: must be rejected with an error containing `text`.
    pub error: Option<&'static str>,
}

pub const LIMITS: &[Limit] = &[
    Limit { name: "blocks_60000_deep", module: || module(1, |_| nested(60_000, 0x02), &[]), error: None },
    Limit { name: "loops_60000_deep", module: || module(1, |_| nested(60_000, 0x03), &[]), error: None },
    Limit { name: "locals_1000000", module: || module(1, |_| locals(1_000_000), &[]), error: Some("too many locals") },
    Limit { name: "locals_50000", module: || module(1, |_| locals(50_000), &[]), error: None },
    // Compile time is linear in the number of functions (about 90 µs per empty function at -O0
    // as one part: 1,000,000, wasmparser's maximum, takes about 90 s, so a smaller count stands
    // for it here). Data segments: the initializer is split into chunks (codegen/init.rs), since
    // one function of 200,000 libcalls took LLVM's register allocator quadratic time.
    Limit { name: "functions_20000", module: || module(20_000, |_| vec![0, 0x0b], &[]), error: None },
    Limit { name: "functions_1000001", module: || module(1_000_001, |_| vec![0, 0x0b], &[]), error: Some("functions count exceeds limit") },
    // Accepted by validation; the runtime allocates a table at instantiation.
    Limit { name: "table_100000000", module: || table(100_000_000), error: None },
    Limit { name: "table_10000000", module: || table(10_000_000), error: None },
    Limit { name: "data_segments_100000", module: || data_segments(100_000, None), error: None },
    Limit { name: "data_segments_100001", module: || data_segments(100_001, None), error: Some("data segments count exceeds limit") },
    Limit { name: "data_count_4294967295", module: || data_segments(1, Some(u32::MAX as u64)), error: Some("data count") },
];

/// Small generated modules added to the mutation seeds: the shapes above at sizes that compile
/// in milliseconds.
pub fn small_modules() -> Vec<Vec<u8>> {
    vec![
        module(1, |_| nested(200, 0x02), &[]),
        module(1, |_| nested(200, 0x03), &[]),
        module(1, |_| locals(300), &[]),
        module(50, |_| vec![0, 0x0b], &[]),
        data_segments(20, Some(20)),
        table(1000),
    ]
}
