// The lab's engine in a Web Worker, for the static site: the Java engine compiled to WebAssembly GC
// (or, where the browser lacks it or the page asks with ?engine=javascript, to JavaScript) answers
// the same routes as the lab server, from the data (MNIST's files, a table's CSV file, or a zip of
// an image folder) and the model the site ships, or data the user opens. The engine parses and
// prepares all of it; the browser only decodes PNG and JPEG, which the engine cannot. Training
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

/** Sends what the engine replied, or its error, with the events it caused. */
function send(id, text) {
  const reply = JSON.parse(text);
  postMessage(reply.error !== undefined ? { id, error: reply.error } : { id, result: reply.result });
  sendEvents(reply.events);
  return reply;
}

const dataStatus = message => postMessage({ event: 'data', data: { message } });

let canvas;

/**
 * The pixels of a PNG or JPEG file as the browser decodes them, unconverted (no colour management,
 * no premultiplied alpha), so a PNG gives the levels it stores, as the JVM's decoder does.
 */
async function decode(bytes) {
  const bitmap = await createImageBitmap(new Blob([bytes]), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const { width, height } = bitmap;
  if (!canvas || canvas.width < width || canvas.height < height) {
    canvas = new OffscreenCanvas(Math.max(width, canvas?.width || 0), Math.max(height, canvas?.height || 0));
  }
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return { rgba: new Int8Array(rgba.buffer, rgba.byteOffset, rgba.length), width, height };
}

/**
 * Opens a zip of an image folder: the engine lists and unpacks the images, the browser decodes each
 * one, the engine prepares it. `model` is the site's model file, or empty to keep or replace the
 * model on show. Returns the engine's reply text.
 */
async function openImages(zip, name, model, skipBad) {
  const begun = JSON.parse(engine.labImagesBegin(zip, name, model, site.source || '', site.version || '', skipBad));
  if (begun.error !== undefined) return JSON.stringify(begun);
  const { images } = begun.result;
  let shown = 0;
  for (let i = 0; i < images && !engine.labImagesFailure(); i++) {
    const bytes = engine.labImageBytes(i);
    if (bytes.length > 0) {
      let decoded;
      try {
        decoded = await decode(bytes);
      } catch (e) {
        engine.labImageBad(i, `cannot decode image (${e.message || e})`);
      }
      if (decoded) engine.labImageAdd(i, decoded.rgba, decoded.width, decoded.height);
    }
    if (performance.now() - shown > 200) {
      shown = performance.now();
      dataStatus(`Reading ${name}: ${(i + 1).toLocaleString('en')} of ${images.toLocaleString('en')} images…`);
    }
  }
  return engine.labImagesFinish();
}

async function openData({ id, route, payload }) {
  try {
    const bytes = new Int8Array(payload.bytes);
    dataStatus(`Opening ${payload.name}…`);
    const text = route === 'zip' ? await openImages(bytes, payload.name, new Int8Array(0), false)
      : engine.labOpenTableFile(bytes, payload.name);
    send(id, text);
  } catch (e) {
    postMessage({ id, error: e.message || String(e) });
  }
}

function answer(request) {
  const { id, method, route, payload } = request;
  try {
    if (method === 'data') {
      openData(request);
      return;
    }
    if (method === 'file') {
      const bytes = engine.labModelFile();
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      postMessage({ id, result: buffer }, [buffer]);
      return;
    }
    const text = method === 'open'
      ? engine.labOpenModel(new Int8Array(payload.bytes), payload.name, payload.layers || '', payload.normalize || '')
      : engine.labAnswer(method, route, JSON.stringify(method === 'get'
        ? Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)])) : payload));
    const reply = send(id, text);
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
  } else if (site.images) {
    const [zip, model] = await Promise.all([bytesOf(site.images), bytesOf(site.model)]);
    const reply = JSON.parse(await openImages(zip, site.images.split('/').pop(), model, Boolean(site.skipBad)));
    if (reply.error !== undefined) throw new Error(reply.error);
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
