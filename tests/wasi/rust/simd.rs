// SIMD-128 from Rust: core::arch::wasm32 intrinsics (the module is built with
// -C target-feature=+simd128), each checked lane by lane against scalar Rust on edge values and
// pseudo-random inputs; then two kernels against scalar loops: a byte search (i8x16.eq + bitmask)
// and a 16-bit dot product (i32x4.dot_i16x8). NaN lanes compare equal to any NaN.
// build-flags: -C target-feature=+simd128
use core::arch::wasm32::*;
use core::mem::transmute_copy;

fn lanes<T: Copy, const N: usize>(v: v128) -> [T; N] {
    assert_eq!(core::mem::size_of::<[T; N]>(), 16);
    unsafe { transmute_copy(&v) }
}

fn vec<T: Copy, const N: usize>(a: [T; N]) -> v128 {
    assert_eq!(core::mem::size_of::<[T; N]>(), 16);
    unsafe { transmute_copy(&a) }
}

fn map2<T: Copy, U: Copy + Default, const N: usize>(a: v128, b: v128, f: impl Fn(T, T) -> U) -> v128 {
    let (x, y): ([T; N], [T; N]) = (lanes(a), lanes(b));
    let mut r = [U::default(); N];
    for i in 0..N {
        r[i] = f(x[i], y[i]);
    }
    vec(r)
}

fn wasm_min(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() { f32::NAN } else if a == b { f32::from_bits(a.to_bits() | b.to_bits()) } else { a.min(b) }
}

/// Every NaN lane of a float vector (`bits` 32 or 64) replaced by one NaN.
fn canonical(v: v128, bits: u32) -> v128 {
    if bits == 32 {
        vec(lanes::<f32, 4>(v).map(|x| if x.is_nan() { f32::NAN } else { x }))
    } else {
        vec(lanes::<f64, 2>(v).map(|x| if x.is_nan() { f64::NAN } else { x }))
    }
}

#[derive(Default)]
struct Checks(Vec<(&'static str, u32, u32)>);

impl Checks {
    fn check(&mut self, name: &'static str, got: v128, want: v128) {
        let ok = lanes::<u8, 16>(got) == lanes::<u8, 16>(want);
        if !ok {
            println!("MISMATCH {name}: got {:02x?}, want {:02x?}", lanes::<u8, 16>(got), lanes::<u8, 16>(want));
        }
        match self.0.iter_mut().find(|(n, _, _)| *n == name) {
            Some(e) => if ok { e.1 += 1 } else { e.2 += 1 },
            None => self.0.push((name, ok as u32, !ok as u32)),
        }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn v128(&mut self) -> v128 {
        u64x2(self.next(), self.next())
    }
    fn floats(&mut self) -> v128 {
        const SPECIAL: [f32; 8] = [0.0, -0.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 0.5, -2.5, 3e9];
        let mut f = [0f32; 4];
        for x in &mut f {
            let r = self.next();
            *x = if r % 4 == 0 { SPECIAL[(r >> 8) as usize % 8] } else { ((r >> 16) as i32 % 100_000) as f32 / 64.0 };
        }
        vec(f)
    }
}

fn main() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut t = Checks::default();
    let mut ints = vec![u64x2(0, 0), u64x2(!0, !0), u64x2(0x8000_8000_8000_8000, 0x7fff_7fff_8000_0001), u64x2(0x80ff_7f01_0001_7ffe, 1 << 63)];
    let mut floats = vec![f32x4(0.0, -0.0, f32::NAN, 1.5), f32x4(-0.0, 0.0, 1.0, f32::NAN)];
    for _ in 0..64 {
        ints.push(rng.v128());
        floats.push(rng.floats());
    }
    for (i, &a) in ints.iter().enumerate() {
        let b = ints[(i * 7 + 3) % ints.len()];
        t.check("i8x16_add_sat", i8x16_add_sat(a, b), map2::<i8, _, 16>(a, b, i8::saturating_add));
        t.check("u8x16_sub_sat", u8x16_sub_sat(a, b), map2::<u8, _, 16>(a, b, u8::saturating_sub));
        t.check("u8x16_avgr", u8x16_avgr(a, b), map2::<u8, _, 16>(a, b, |x: u8, y: u8| ((x as u16 + y as u16 + 1) / 2) as u8));
        t.check("i16x8_mul", i16x8_mul(a, b), map2::<i16, _, 8>(a, b, i16::wrapping_mul));
        t.check("i16x8_q15mulr_sat", i16x8_q15mulr_sat(a, b), map2::<i16, _, 8>(a, b, |x: i16, y: i16| {
            ((x as i32 * y as i32 + 0x4000) >> 15).clamp(-32768, 32767) as i16
        }));
        t.check("u32x4_max", u32x4_max(a, b), map2::<u32, _, 4>(a, b, u32::max));
        t.check("i64x2_mul", i64x2_mul(a, b), map2::<i64, _, 2>(a, b, i64::wrapping_mul));
        let count = (i as u32) * 5;
        t.check("i16x8_shr", i16x8_shr(a, count), map2::<i16, _, 8>(a, a, |x: i16, _| x >> (count % 16)));
        t.check("u64x2_shr", u64x2_shr(a, count), map2::<u64, _, 2>(a, a, |x: u64, _| x >> (count % 64)));
        t.check("i8x16_popcnt", i8x16_popcnt(a), map2::<u8, _, 16>(a, a, |x: u8, _| x.count_ones() as u8));
        let (x, y): ([i16; 8], [i16; 8]) = (lanes(a), lanes(b));
        let dot: [i32; 4] = core::array::from_fn(|k| x[2 * k] as i32 * y[2 * k] as i32 + x[2 * k + 1] as i32 * y[2 * k + 1] as i32);
        t.check("i32x4_dot_i16x8", i32x4_dot_i16x8(a, b), vec(dot));
        let narrow: [u8; 16] = core::array::from_fn(|k| if k < 8 { x[k] } else { y[k - 8] }.clamp(0, 255) as u8);
        t.check("u8x16_narrow_i16x8", u8x16_narrow_i16x8(a, b), vec(narrow));
        let ext: [i32; 4] = core::array::from_fn(|k| x[k] as i32 * y[k] as i32);
        t.check("i32x4_extmul_low_i16x8", i32x4_extmul_low_i16x8(a, b), vec(ext));
        let (p, q): ([u8; 16], [u8; 16]) = (lanes(a), lanes(b));
        let swz: [u8; 16] = core::array::from_fn(|k| if q[k] < 16 { p[q[k] as usize] } else { 0 });
        t.check("i8x16_swizzle", i8x16_swizzle(a, b), vec(swz));
        let swz15: [u8; 16] = core::array::from_fn(|k| p[(q[k] & 15) as usize]);
        t.check("i8x16_swizzle(& 15)", i8x16_swizzle(a, v128_and(b, u8x16_splat(15))), vec(swz15));
        let shuf: [u8; 16] = core::array::from_fn(|k| [p[3], q[0], p[15], q[15], p[0], p[0], q[7], p[8]][k % 8]);
        t.check("i8x16_shuffle", i8x16_shuffle::<3, 16, 15, 31, 0, 0, 23, 8, 3, 16, 15, 31, 0, 0, 23, 8>(a, b), vec(shuf));
        let mask = p.iter().enumerate().fold(0u16, |m, (k, &v)| m | (((v >> 7) as u16) << k));
        t.check("i8x16_bitmask", u16x8_splat(i8x16_bitmask(a)), u16x8_splat(mask));
        let any = p.iter().any(|&v| v != 0) as u8;
        let all = x.iter().all(|&v| v != 0) as u8;
        t.check("any_true/all_true", u8x16(v128_any_true(a) as u8, i16x8_all_true(a) as u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                u8x16(any, all, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
    for (i, &a) in floats.iter().enumerate() {
        let b = floats[(i * 5 + 1) % floats.len()];
        let c32 = |v| canonical(v, 32);
        t.check("f32x4_add", c32(f32x4_add(a, b)), c32(map2::<f32, _, 4>(a, b, |x: f32, y| x + y)));
        t.check("f32x4_mul", c32(f32x4_mul(a, b)), c32(map2::<f32, _, 4>(a, b, |x: f32, y| x * y)));
        t.check("f32x4_div", c32(f32x4_div(a, b)), c32(map2::<f32, _, 4>(a, b, |x: f32, y| x / y)));
        t.check("f32x4_min", c32(f32x4_min(a, b)), c32(map2::<f32, _, 4>(a, b, wasm_min)));
        t.check("f32x4_pmin", c32(f32x4_pmin(a, b)), c32(map2::<f32, _, 4>(a, b, |x: f32, y: f32| if y < x { y } else { x })));
        t.check("f32x4_sqrt", c32(f32x4_sqrt(a)), c32(map2::<f32, _, 4>(a, a, |x: f32, _| x.sqrt())));
        t.check("f32x4_floor", c32(f32x4_floor(a)), c32(map2::<f32, _, 4>(a, a, |x: f32, _| x.floor())));
        t.check("f32x4_trunc", c32(f32x4_trunc(a)), c32(map2::<f32, _, 4>(a, a, |x: f32, _| x.trunc())));
        t.check("f32x4_lt", f32x4_lt(a, b), map2::<f32, _, 4>(a, b, |x: f32, y| if x < y { -1i32 } else { 0 }));
        t.check("i32x4_trunc_sat_f32x4", i32x4_trunc_sat_f32x4(a), map2::<f32, _, 4>(a, a, |x: f32, _| x as i32));
        t.check("u32x4_trunc_sat_f32x4", u32x4_trunc_sat_f32x4(a), map2::<f32, _, 4>(a, a, |x: f32, _| x as u32));
        let f: [f32; 4] = lanes(a);
        t.check("f64x2_promote_low_f32x4", canonical(f64x2_promote_low_f32x4(a), 64), canonical(f64x2(f[0] as f64, f[1] as f64), 64));
        let d = f64x2(f[2] as f64 * 1e30, f[3] as f64 / 3.0);
        let df: [f64; 2] = lanes(d);
        t.check("f32x4_demote_f64x2_zero", c32(f32x4_demote_f64x2_zero(d)), c32(f32x4(df[0] as f32, df[1] as f32, 0.0, 0.0)));
        let n: [i32; 4] = lanes(ints[i]);
        t.check("f32x4_convert_i32x4", f32x4_convert_i32x4(ints[i]), vec(n.map(|x| x as f32)));
        t.check("f64x2_convert_low_i32x4", f64x2_convert_low_i32x4(ints[i]), f64x2(n[0] as f64, n[1] as f64));
    }
    for (name, ok, bad) in &t.0 {
        println!("{name}: {ok} ok, {bad} wrong");
    }

    // A byte search: the first position of each needle in a pseudo-random text.
    let text: Vec<u8> = (0..1000).map(|_| b'a' + (rng.next() % 26) as u8).collect();
    for needle in [b'q', b'z', b'a', b'!'] {
        let mut found = None;
        for (k, chunk) in text.chunks_exact(16).enumerate() {
            let v = unsafe { v128_load(chunk.as_ptr() as *const v128) };
            let m = i8x16_bitmask(i8x16_eq(v, u8x16_splat(needle)));
            if m != 0 {
                found = Some(k * 16 + m.trailing_zeros() as usize);
                break;
            }
        }
        let tail = text.len() / 16 * 16;
        let found = found.or_else(|| text[tail..].iter().position(|&c| c == needle).map(|p| tail + p));
        println!("find {:?}: simd {:?}, scalar {:?}", needle as char, found, text.iter().position(|&c| c == needle));
    }
    // A dot product of 16-bit vectors, eight lanes at a time.
    let a: Vec<i16> = (0..512).map(|_| rng.next() as i16).collect();
    let b: Vec<i16> = (0..512).map(|_| rng.next() as i16 >> 3).collect();
    let mut acc = i32x4_splat(0);
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let (vx, vy) = unsafe { (v128_load(x.as_ptr() as *const v128), v128_load(y.as_ptr() as *const v128)) };
        acc = i32x4_add(acc, i32x4_dot_i16x8(vx, vy));
    }
    let simd: i32 = lanes::<i32, 4>(acc).iter().fold(0, |s, &x| s.wrapping_add(x));
    let scalar = a.iter().zip(&b).fold(0i32, |s, (&x, &y)| s.wrapping_add(x as i32 * y as i32));
    println!("dot: simd {simd}, scalar {scalar}");
}
