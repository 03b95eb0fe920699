// Slant's precise-mode model worker (served as precise/worker.js beside its
// module, model.js and model_bg.wasm; see crates/slant-precise-worker). The
// page starts it when Precise mode is switched on and sends:
//   {run, text, config}   analyse this text with this config (slant-share's
//                         encode_config bytes) as the page's run `run`; a newer
//                         request replaces the one in progress between two
//                         sentences (the model stays loaded).
// Every answer is one string of fields separated by U+0001 (the crate's docs
// list them), written by the module: status lines, and cells with their
// markup, ready for the page to show. A failure is "f" and the reason.
import init, { Session, downloading } from './model.js';

const MODEL = new URL('../model/slant-minilm-newsmtsc.bin', import.meta.url);
let session = null;
let waiting = null;
let current = null;
let started = 0;
let scheduled = false;

self.onmessage = (event) => {
  waiting = event.data;
  schedule();
};

const say = (message) => self.postMessage(message);

load().catch((e) => say(`f\u0001${e && e.message ? e.message : e}`));

async function load() {
  await init();
  say(downloading(0, 0));
  const response = await fetch(MODEL);
  if (!response.ok) throw new Error(`the model file answered HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  let told = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    if (loaded - told >= 512 * 1024) {
      told = loaded;
      say(downloading(loaded, total));
    }
  }
  say(downloading(loaded, loaded));
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  chunks.length = 0;
  session = new Session(bytes);
  say(session.loaded());
  schedule();
}

// One sentence per task, so that a newer request is read between two sentences.
function schedule() {
  if (scheduled || !session || (!waiting && current === null)) return;
  scheduled = true;
  setTimeout(tick, 0);
}

function tick() {
  scheduled = false;
  if (waiting) {
    const request = waiting;
    waiting = null;
    try {
      say(session.start(request.run, request.text, request.config));
      current = request.run;
      started = performance.now();
    } catch (e) {
      current = null;
      say(`f\u0001the analysis failed: ${e}`);
    }
  } else if (current !== null) {
    try {
      const step = session.step(performance.now() - started);
      if (step === undefined || step === null) current = null;
      else say(step);
    } catch (e) {
      say(`f\u0001the model failed: ${e}`);
      current = null;
    }
  }
  schedule();
}
