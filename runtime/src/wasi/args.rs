//! `args_*` and `environ_*`: the program's arguments and environment as NUL-terminated strings.

use super::errno::{Errno, OrFault};
use crate::host::GuestMemory;
use wasmkiln_abi::VMContext;

/// Writes `count` and the total size of `strings` (each NUL-terminated).
fn sizes(mem: &GuestMemory, strings: &[Vec<u8>], count_ptr: u32, size_ptr: u32) -> Result<(), Errno> {
    let count = u32::try_from(strings.len()).map_err(|_| Errno::Overflow)?;
    let size: usize = strings.iter().map(|s| s.len() + 1).sum();
    let size = u32::try_from(size).map_err(|_| Errno::Overflow)?;
    mem.range(count_ptr, 4).or_fault()?;
    mem.range(size_ptr, 4).or_fault()?;
    mem.write_u32(count_ptr, count).or_fault()?;
    mem.write_u32(size_ptr, size).or_fault()
}

/// Writes one pointer per string at `ptrs` and the strings themselves, packed, at `buf`.
fn strings(mem: &GuestMemory, strings: &[Vec<u8>], ptrs: u32, buf: u32) -> Result<(), Errno> {
    let total: u64 = strings.iter().map(|s| s.len() as u64 + 1).sum();
    mem.range(ptrs, 4 * strings.len() as u64).or_fault()?;
    mem.range(buf, total).or_fault()?;
    let mut offset = buf;
    for (i, s) in strings.iter().enumerate() {
        mem.write_u32(ptrs + 4 * i as u32, offset).or_fault()?;
        mem.write_bytes(offset, s).or_fault()?;
        mem.write_u8(offset + s.len() as u32, 0).or_fault()?;
        offset += s.len() as u32 + 1;
    }
    Ok(())
}

pub unsafe extern "C" fn args_sizes_get(vmctx: *mut VMContext, argc: u32, argv_buf_size: u32) -> u32 {
    super::call(vmctx, |cx, mem| sizes(mem, cx.args(), argc, argv_buf_size))
}

pub unsafe extern "C" fn args_get(vmctx: *mut VMContext, argv: u32, argv_buf: u32) -> u32 {
    super::call(vmctx, |cx, mem| strings(mem, cx.args(), argv, argv_buf))
}

pub unsafe extern "C" fn environ_sizes_get(vmctx: *mut VMContext, count: u32, buf_size: u32) -> u32 {
    super::call(vmctx, |cx, mem| sizes(mem, cx.env(), count, buf_size))
}

pub unsafe extern "C" fn environ_get(vmctx: *mut VMContext, environ: u32, environ_buf: u32) -> u32 {
    super::call(vmctx, |cx, mem| strings(mem, cx.env(), environ, environ_buf))
}
