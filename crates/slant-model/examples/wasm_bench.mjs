// Times the precise analysis in wasm under Node (single thread), as the app's worker runs it.
//
// RUSTFLAGS="-C target-feature=+simd128" CARGO_PROFILE_RELEASE_OPT_LEVEL=3 \
//   cargo build --release --target wasm32-unknown-unknown -p slant-model --example wasm_bench
// wasm-bindgen --target nodejs --out-dir /tmp/wasm-bench \
//   target/wasm32-unknown-unknown/release/examples/wasm_bench.wasm
// node crates/slant-model/examples/wasm_bench.mjs /tmp/wasm-bench [TEXT...]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const [dir = "/tmp/wasm-bench", ...texts] = process.argv.slice(2);
const bench = createRequire(import.meta.url)(join(resolve(dir), "wasm_bench.js"));
const files = texts.length ? texts : [join(root, "seeds/macron-starmer-white-house.txt")];

let t = performance.now();
bench.load(readFileSync(join(root, "static/model/slant-minilm-newsmtsc.bin")));
console.log(`load: ${(performance.now() - t).toFixed(0)} ms`);
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const passes = bench.passes(text);
  // The first run includes V8's optimising compile of the module (as in a page); the second
  // is the steady state.
  for (const run of ["first", "second"]) {
    const cpu = process.cpuUsage();
    t = performance.now();
    const cells = bench.analyze(text);
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (cells === 0) throw new Error(`${f}: no cell was scored`);
    console.log(
      `${f.split("/").pop()} (${run} run): ${passes} passes, ${cells} cells; ${(wall / 1000).toFixed(2)} s wall, ` +
        `${(cpuMs / 1000).toFixed(2)} s CPU (all threads): ${(wall / passes).toFixed(1)} ms wall, ` +
        `${(cpuMs / passes).toFixed(1)} ms CPU per pass`,
    );
  }
}
