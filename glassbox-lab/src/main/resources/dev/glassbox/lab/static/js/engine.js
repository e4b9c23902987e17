// The engine the panels talk to. One interface, two back ends: the lab server (HTTP and
// server-sent events) or the compiled engine in a Web Worker (the static site). Panels ask for a
// route ('network', 'forward', 'train/start', …) and get the same JSON from either; they never
// know which one answers, and neither does any arithmetic here.
//
//   engine.name                      'server', 'WebAssembly GC' or 'JavaScript'
//   engine.get(route, query)         a GET route, query an object of parameters
//   engine.post(route, body)         a POST route with a JSON body
//   engine.on(event, listener)       training events: status, history, point, epoch, model
//   engine.modelFile()               the current model as a .safetensors file (a Blob)
//   engine.openModel(bytes, name, how)  makes the model in an ArrayBuffer (a file's) the one on show:
//                                    Glassbox's, ONNX, or a PyTorch state_dict; how = {layers, normalize}
//   engine.openData(bytes, name, kind)  shows a table ('csv') or a zip of an image folder ('zip')
//                                    instead of the data on show (static site only)
//   engine.opensData                 whether openData works here

import { getJson, postJson, postBytes, getBlob } from './api.js';

/** The lab server's HTTP API under /api/. */
export function serverEngine() {
  let events = null;
  const url = (route, query) => {
    const q = query ? new URLSearchParams(query).toString() : '';
    return `/api/${route}${q ? `?${q}` : ''}`;
  };
  return {
    name: 'server',
    get: (route, query) => getJson(url(route, query)),
    post: (route, body) => postJson(url(route), body),
    on(event, listener) {
      events ??= new EventSource('/api/train/events');
      events.addEventListener(event, m => listener(JSON.parse(m.data)));
    },
    modelFile: () => getBlob('/api/model/file'),
    openModel: (bytes, fileName, how = {}) => postBytes(`/api/model/open?${new URLSearchParams({ name: fileName,
      layers: how.layers || '', normalize: how.normalize || '' })}`, bytes),
    opensData: false,
    openData: () => Promise.reject(new Error('The lab server shows the data it was started with: glassbox lab --data'
      + ' FILE.csv|DIR')),
  };
}

/**
 * The compiled engine in a Web Worker (engine-worker.js), for a page served as a static site.
 * Requests are messages {id, method, route, payload}, answered {id, result} or {id, error};
 * training events arrive as {event, data}, as the server's event stream sends them.
 */
export function workerEngine(worker, name) {
  let nextId = 1;
  const waiting = new Map();
  const listeners = {};
  const deliver = (event, data) => { for (const listener of listeners[event] || []) listener(data); };
  worker.addEventListener('message', ({ data }) => {
    if (data.event) {
      deliver(data.event, data.data);
      return;
    }
    const call = waiting.get(data.id);
    if (!call) return;
    waiting.delete(data.id);
    if (data.error !== undefined) call.reject(new Error(data.error));
    else call.resolve(data.result);
  });
  const ask = (method, route, payload, transfer = []) => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, method, route, payload }, transfer);
  });
  // A new listener hears where training stands at once, as a new event stream does from the server.
  const current = { status: 'train', history: 'train/history' };
  return {
    name,
    get: (route, query) => ask('get', route, query ?? {}),
    post: (route, body) => ask('post', route, body ?? {}),
    on(event, listener) {
      (listeners[event] ||= []).push(listener);
      if (current[event]) ask('get', current[event]).then(listener, () => {});
    },
    modelFile: () => ask('file', 'model/file', null).then(bytes => new Blob([bytes])),
    openModel: (bytes, fileName, how = {}) => ask('open', 'model/open', { bytes, name: fileName, ...how }, [bytes]),
    opensData: true,
    openData: (bytes, fileName, kind) => ask('data', kind, { bytes, name: fileName }, [bytes]),
  };
}

/** The back end the page runs on, chosen once by main.js before any panel asks anything. */
export let engine = serverEngine();

export function useEngine(chosen) {
  engine = chosen;
}
