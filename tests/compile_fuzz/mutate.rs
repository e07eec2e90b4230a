//! Mutations of a module's bytes, all driven by one seeded generator: truncate, flip bits, set
//! bytes to edge values, splice two modules, duplicate or drop a section, and inflate a LEB128
//! count (a section's size or a vector's length) to a huge value.

pub use wasmkiln_tests::rng::Rng;

/// The generator of case `seed` (salted, so its numbers differ from the differential fuzzer's).
pub fn rng(seed: u64) -> Rng {
    Rng::new(seed ^ 0x5eed_0f_c0_4b11e)
}

/// The byte ranges of the sections after the 8-byte header (cut short at the end if malformed).
fn sections(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 8;
    while pos < bytes.len() {
        let start = pos;
        let Some((size, len)) = read_leb(&bytes[pos + 1..]) else { break };
        pos = (pos + 1 + len).saturating_add(size as usize).min(bytes.len());
        out.push(start..pos);
    }
    out
}

fn read_leb(bytes: &[u8]) -> Option<(u64, usize)> {
    let (mut value, mut shift) = (0u64, 0);
    for (i, b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// `value` as a LEB128 of exactly 5 bytes (what a u32 count may take).
fn leb5(value: u32) -> [u8; 5] {
    let mut out = [0u8; 5];
    for (i, b) in out.iter_mut().enumerate() {
        *b = ((value >> (7 * i)) & 0x7f) as u8 | if i < 4 { 0x80 } else { 0 };
    }
    out
}

/// `other` supplies the second module of a splice.
pub fn mutate(rng: &mut Rng, module: &[u8], other: &[u8]) -> (Vec<u8>, Vec<&'static str>) {
    let mut bytes = module.to_vec();
    let mut applied = Vec::new();
    for _ in 0..1 + rng.index(3) {
        if bytes.len() <= 8 {
            break;
        }
        let kind = rng.index(8);
        applied.push(["truncate", "flip-bit", "edge-byte", "splice", "dup-section", "drop-section", "inflate-leb", "flip-bits"][kind]);
        match kind {
            0 => bytes.truncate(8 + rng.index(bytes.len() - 8)),
            1 => {
                let i = 8 + rng.index(bytes.len() - 8);
                bytes[i] ^= 1 << rng.index(8);
            }
            2 => {
                let i = 8 + rng.index(bytes.len() - 8);
                bytes[i] = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x0b, 0xfd][rng.index(8)];
            }
            3 => {
                let cut = 8 + rng.index(bytes.len() - 8);
                let from = 8 + rng.index(other.len().saturating_sub(8).max(1));
                bytes.truncate(cut);
                bytes.extend_from_slice(other.get(from..).unwrap_or_default());
            }
            4 | 5 => {
                let secs = sections(&bytes);
                if secs.is_empty() {
                    continue;
                }
                let s = secs[rng.index(secs.len())].clone();
                let copy = bytes[s.clone()].to_vec();
                if kind == 4 {
                    let at = secs[rng.index(secs.len())].start;
                    bytes.splice(at..at, copy);
                } else {
                    bytes.drain(s);
                }
            }
            6 => {
                // A section's size, or the count right after it, becomes huge.
                let secs = sections(&bytes);
                if secs.is_empty() {
                    continue;
                }
                let s = secs[rng.index(secs.len())].clone();
                let Some((_, len)) = read_leb(&bytes[s.start + 1..]) else { continue };
                let at = if rng.index(2) == 0 { s.start + 1 } else { s.start + 1 + len };
                let Some((_, old)) = bytes.get(at..).and_then(read_leb) else { continue };
                let value = [u32::MAX, 1 << 31, 100_000_001, 1_000_000, 65_536][rng.index(5)];
                bytes.splice(at..at + old, leb5(value));
            }
            _ => {
                for _ in 0..1 + rng.index(16) {
                    let i = 8 + rng.index(bytes.len() - 8);
                    bytes[i] ^= 1 << rng.index(8);
                }
            }
        }
    }
    (bytes, applied)
}
