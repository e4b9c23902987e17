// The lab's engine in a Web Worker, for the static site: the Java engine compiled to WebAssembly GC
// (or, where the browser lacks it or the page asks with ?engine=javascript, to JavaScript) answers
// the same routes as the lab server, from the data (MNIST's files, or a table's CSV file, which the
// engine parses) and the model the site ships. Training
// runs here, in slices between which messages are read, so the page never waits and Pause is heard.

const here = new URL(self.location.href);
const site = await (await fetch(new URL('../site.json', here))).json();

async function loadEngine() {
  if (here.searchParams.get('engine') !== 'javascript') {
    try {
      await import(new URL('../engine/wasm/wasm-gc-runtime.js', here).href);
      const teavm = await self.TeaVM.wasmGC.load(new URL('../engine/wasm/classes.wasm', here).href);
      return { exports: teavm.exports, name: 'WebAssembly GC' };
    } catch (e) {
      console.info(`WebAssembly GC unavailable (${e.message}); using the JavaScript build`);
    }
  }
  return { exports: await import(new URL('../engine/js/classes.js', here).href), name: 'JavaScript' };
}

const bytesOf = async path => {
  const response = await fetch(new URL(`../${path}`, here));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return new Int8Array(await response.arrayBuffer());
};

let engine;
let scheduled = false;

const sendEvents = events => events.forEach(e => postMessage({ event: e.event, data: e.data }));

function train() {
  scheduled = false;
  const reply = JSON.parse(engine.labTrain(100));
  sendEvents(reply.events);
  if (reply.running) schedule(reply.delay);
}

function schedule(delay) {
  if (!scheduled) {
    scheduled = true;
    setTimeout(train, delay);
  }
}

function answer({ id, method, route, payload }) {
  try {
    if (method === 'file') {
      const bytes = engine.labModelFile();
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      postMessage({ id, result: buffer }, [buffer]);
      return;
    }
    const text = method === 'open'
      ? engine.labOpenModel(new Int8Array(payload.bytes), payload.name)
      : engine.labAnswer(method, route, JSON.stringify(method === 'get'
        ? Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)])) : payload));
    const reply = JSON.parse(text);
    postMessage(reply.error !== undefined ? { id, error: reply.error } : { id, result: reply.result });
    sendEvents(reply.events);
    if (route === 'train/start' && reply.error === undefined) schedule(0);
  } catch (e) {
    postMessage({ id, error: e.message || String(e) });
  }
}

const queue = [];
self.addEventListener('message', ({ data }) => (engine ? answer(data) : queue.push(data)));

try {
  const loaded = await loadEngine();
  engine = loaded.exports;
  if (site.table) {
    const [table, model] = await Promise.all([bytesOf(site.table), bytesOf(site.model)]);
    engine.labOpenTable(table, site.table.split('/').pop(), model, site.source, site.version);
  } else {
    const [mnist, model] = await Promise.all([Promise.all(site.data.map(bytesOf)), bytesOf(site.model)]);
    const data = engine.loadMnist(...mnist, site.sha256 || '');
    engine.labOpen(data, model, site.source, site.version);
  }
  postMessage({ ready: loaded.name });
  queue.splice(0).forEach(answer);
} catch (e) {
  postMessage({ failed: e.message || String(e) });
}
