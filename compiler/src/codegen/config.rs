//! The sandbox settings baked into an executable (`wasmkiln prog.wasm --dir ... --env ...`):
//! one constant, NUL-terminated byte array named [`wasmkiln_abi::sandbox::SYMBOL`] holding the
//! settings as words (see `wasmkiln_abi::sandbox`), which the runtime reads at start-up unless
//! `WASMKILN_SANDBOX` overrides it. Kept apart from the rest of codegen: it touches nothing else.

use crate::error::{Error, Result};
use inkwell::module::{Linkage, Module};
use wasmkiln_abi::sandbox;

/// The settings text for `words` (e.g. `["--dir", "data::/data"]`), quoted for the runtime.
pub fn settings_text(words: &[Vec<u8>]) -> Vec<u8> {
    let mut text = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push(b' ');
        }
        sandbox::quote_into(w, &mut |b| text.push(b));
    }
    text
}

/// Adds the settings constant to `module`.
pub fn add_sandbox_config(module: &Module<'_>, text: &[u8]) -> Result<()> {
    if text.contains(&0) {
        return Err(Error::new("sandbox settings contain a NUL byte"));
    }
    let ctx = module.get_context();
    let bytes = ctx.const_string(text, true);
    let g = module.add_global(bytes.get_type(), None, sandbox::SYMBOL);
    g.set_constant(true);
    g.set_initializer(&bytes);
    g.set_linkage(Linkage::External);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use inkwell::context::Context;

    #[test]
    fn emits_one_nul_terminated_constant() {
        let text = settings_text(&[b"--dir".to_vec(), b"my data::/data".to_vec(), b"--env".to_vec(), b"K=it's".to_vec()]);
        assert_eq!(text, b"--dir 'my data::/data' --env 'K=it'\\''s'");
        let ctx = Context::create();
        let m = ctx.create_module("t");
        add_sandbox_config(&m, &text).unwrap();
        let g = m.get_global(sandbox::SYMBOL).unwrap();
        assert!(g.is_constant());
        let ir = m.print_to_string().to_string();
        assert!(ir.contains("[41 x i8] c\"--dir 'my data::/data' --env 'K=it'\\\\''s'\\00\""), "{ir}");
        assert!(add_sandbox_config(&ctx.create_module("u"), b"a\0b").is_err());
    }
}
