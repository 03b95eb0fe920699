//! Hashes the engine's bundled data (`../slant-core/data/*`) at build time,
//! so that every output can name the data it was made with: FNV-1a 64 over
//! each file's name and bytes in name order, as 12 hex digits in
//! `SLANT_DATA_HASH`.

use std::path::Path;

fn main() {
    let dir = Path::new("../slant-core/data");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.file_name())
        .collect();
    names.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for name in names {
        let path = dir.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for &b in name
            .to_string_lossy()
            .as_bytes()
            .iter()
            .chain([0u8].iter())
            .chain(&bytes)
        {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=SLANT_DATA_HASH={}", &format!("{hash:016x}")[..12]);
}
