// What the panels share: the model's shape and the example on show, with change notifications.

const listeners = {};

export const state = {
  structure: null, // the engine's 'network' route
  example: null,   // { pixels, label, index, source }
  activity: null,  // the example through the current model
};

export function on(event, listener) {
  (listeners[event] ||= []).push(listener);
}

export function emit(event, value) {
  for (const listener of listeners[event] || []) listener(value);
}
