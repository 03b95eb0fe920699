// Slant's analysis worker. It runs the page's own WebAssembly module: the
// page first sends {glue, module} (the address of the wasm-bindgen glue and
// the compiled module), then requests {id, text, config}, or {id, articles,
// config} to compare several articles (their answer's bytes are framed: see
// `frame` in src/worker.rs); `config` and `articles` are bytes in
// slant-share's wire format, passed on as they are. Each answer is
// {id, report} with the report's bytes (slant-share's wire format), or
// {id, error}. Only the newest waiting request is analysed; older ones that
// queued up behind a long analysis are dropped, since the page only wants
// the latest. Once loaded it says {ready}; if the module cannot load, it
// answers {failed}.
let api = null;
let waiting = null;
let scheduled = false;

self.onmessage = (event) => {
  const data = event.data;
  if (data && data.glue) {
    start(data);
    return;
  }
  waiting = data;
  schedule();
};

async function start({ glue, module }) {
  try {
    const glueModule = await import(glue);
    await glueModule.default({ module_or_path: module });
    api = glueModule;
    self.postMessage({ ready: true });
    schedule();
  } catch (e) {
    self.postMessage({ failed: String(e) });
  }
}

// Analyses in a later task, so that requests already queued replace `waiting` first.
function schedule() {
  if (!api || !waiting || scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    const request = waiting;
    waiting = null;
    if (!request) return;
    try {
      const bytes = request.articles
        ? api.compare_for_page(request.articles, request.config)
        : api.analyse_for_page(request.text, request.config);
      self.postMessage({ id: request.id, report: bytes }, [bytes.buffer]);
    } catch (e) {
      self.postMessage({ id: request.id, error: String(e) });
    }
    schedule();
  }, 0);
}
