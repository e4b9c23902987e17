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
//   engine.openModel(bytes)          makes the model in an ArrayBuffer the current one

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
    openModel: bytes => postBytes('/api/model/open', bytes),
  };
}

/**
 * The compiled engine in a Web Worker (engine-worker.js), for a page served as a static site.
 * Requests and answers are messages {id, method, route, payload} / {id, result | error}; training
 * events arrive as {event, data}.
 */
export function workerEngine(worker, name) {
  let nextId = 1;
  const waiting = new Map();
  const listeners = {};
  worker.addEventListener('message', ({ data }) => {
    if (data.event) {
      for (const listener of listeners[data.event] || []) listener(data.data);
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
  return {
    name,
    get: (route, query) => ask('get', route, query ?? {}),
    post: (route, body) => ask('post', route, body ?? {}),
    on(event, listener) {
      (listeners[event] ||= []).push(listener);
      if (event === 'history') ask('get', 'train/history', {}).catch(() => {});
    },
    modelFile: () => ask('file', 'model/file', null).then(bytes => new Blob([bytes])),
    openModel: bytes => ask('open', 'model/open', bytes, [bytes]),
  };
}

/** The back end this page runs on: a static site says so in site.json; the lab server does not have one. */
export let engine = serverEngine();

export function useEngine(chosen) {
  engine = chosen;
}
