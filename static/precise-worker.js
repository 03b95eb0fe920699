// Slant's precise-mode model worker (served as precise/worker.js beside its
// module, model.js and model_bg.wasm; see crates/slant-precise-worker). The
// page starts it when Precise mode is switched on and sends:
//   {run, text, config}   analyse this text with this config (slant-share's
//                         encode_config bytes); a newer
//                         request replaces the one in progress between two
//                         sentences (the model stays loaded).
// Every answer is a Float64Array whose first number says what it is, or a
// string when something failed (the page reads no JSON and few properties):
//   [0, loaded, total]    model bytes downloaded (total 0 if unknown)
//   [1]                   the model is built
//   [2, run, n]           request `run` has n sentences to analyse
//   [3, run, ...step]     one sentence done (the step's numbers: see the crate's docs)
//   [4, run]              every sentence of request `run` is done
//   "message"             the model could not be loaded, or a run failed
import init, { Session } from './model.js';

const MODEL = new URL('../model/slant-minilm-newsmtsc.bin', import.meta.url);
let session = null;
let waiting = null;
let current = null;
let scheduled = false;

self.onmessage = (event) => {
  waiting = event.data;
  schedule();
};

load().catch((e) => self.postMessage(String(e && e.message ? e.message : e)));

function say(...numbers) {
  const m = Float64Array.from(numbers);
  self.postMessage(m, [m.buffer]);
}

async function load() {
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
      say(0, loaded, total);
    }
  }
  say(0, loaded, loaded);
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  chunks.length = 0;
  const started = performance.now();
  await init();
  session = new Session(bytes);
  say(1, performance.now() - started);
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
      const planned = session.start(request.text, request.config);
      current = request.run;
      say(2, current, planned);
    } catch (e) {
      current = null;
      self.postMessage(`the analysis failed: ${e}`);
    }
  } else if (current !== null) {
    try {
      const step = session.step();
      if (step === undefined || step === null) {
        say(4, current);
        current = null;
      } else {
        const m = new Float64Array(step.length + 2);
        m[0] = 3;
        m[1] = current;
        m.set(step, 2);
        self.postMessage(m, [m.buffer]);
      }
    } catch (e) {
      self.postMessage(`the model failed: ${e}`);
      current = null;
    }
  }
  schedule();
}
