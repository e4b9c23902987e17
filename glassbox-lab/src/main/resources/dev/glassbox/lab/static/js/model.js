// Your model: what is loaded, and saving it to the file chosen when the lab started.

import { showError } from './api.js';
import { engine } from './engine.js';

async function facts() {
  const [m, n] = await Promise.all([engine.get('model'), engine.get('network')]);
  const list = document.getElementById('model-facts');
  list.replaceChildren();
  const add = (k, v) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    list.append(dt, dd);
  };
  add('layers', n.spec);
  add('parameters', n.parameters.toLocaleString('en'));
  add('loss', n.loss);
  add('weights from', m.source);
  add('kernels', n.kernels);
  add('Save writes', m.saveTo);
  for (const [key, value] of Object.entries(m.metadata)) add(key, value);
  document.getElementById('model-save').textContent = `Save to ${m.saveTo}`;
}

export function setUpModelPanel() {
  const status = document.getElementById('model-save-status');
  document.getElementById('model-save').addEventListener('click', async () => {
    status.textContent = 'Saving…';
    try {
      const r = await engine.post('save', {});
      status.textContent = `Saved ${r.spec} to ${r.saved}.`;
    } catch (e) {
      status.textContent = '';
      showError(e.message);
    }
  });
  return { shown: () => facts().catch(e => showError(e.message)) };
}
