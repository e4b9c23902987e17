// Talking to the lab server over HTTP (engine.js's server back end), and the page's one-line error box.

const errorBox = () => document.getElementById('error');

export function showError(message) {
  const box = errorBox();
  box.textContent = message;
  box.hidden = !message;
}

async function parse(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || body.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

export async function getJson(path) {
  return parse(await fetch(path));
}

// The server's token for this run, which every POST carries: only a page from the lab's own address
// can read it (the server sends no CORS headers), so no other site can make the lab do anything.
let session = null;

function sessionToken() {
  session ??= getJson('/api/session').catch(e => {
    session = null; // ask again next time
    throw e;
  });
  return session;
}

/**
 * Posts JSON with the session's token. A new action clears the error line when it is sent, not
 * when it succeeds: an error the action itself causes on the server (a training run that fails at
 * its first batch, reported as an event) may arrive before its answer, and must stay shown.
 */
export async function postJson(path, body) {
  showError('');
  const { token, header } = await sessionToken();
  return parse(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [header]: token },
    body: JSON.stringify(body ?? {}),
  }));
}

/** Posts raw bytes with the session's token; the answer is JSON. */
export async function postBytes(path, bytes) {
  showError('');
  const { token, header } = await sessionToken();
  return parse(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', [header]: token },
    body: bytes,
  }));
}

/** A GET whose answer is a file. */
export async function getBlob(path) {
  const response = await fetch(path);
  if (!response.ok) await parse(response);
  return response.blob();
}

/**
 * Runs `request` for the latest value only: while one request is in flight, newer calls replace
 * each other and the last one runs when it returns. Keeps drawing responsive without a backlog.
 */
export function latestOnly(request) {
  let running = false;
  let pending = null;
  const pump = async () => {
    running = true;
    while (pending) {
      const args = pending;
      pending = null;
      try {
        await request(...args);
      } catch (e) {
        showError(e.message);
      }
    }
    running = false;
  };
  return (...args) => {
    pending = args;
    if (!running) pump();
  };
}

/** Base64 of little-endian float32 values, as the server sends large weight arrays. */
export function floatsFromBase64(text) {
  const bytes = Uint8Array.from(atob(text), c => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);
}
