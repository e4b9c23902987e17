// Your model: what is on show; opening a .safetensors file (picker or drag-and-drop); downloading the
// model on show with its provenance; and, on the lab server, saving it to the file chosen at start-up.

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
  if (m.saveTo) add('Save writes', m.saveTo);
  for (const [key, value] of Object.entries(m.metadata)) add(key, value);
  const save = document.getElementById('model-save');
  save.hidden = !m.saveTo;
  if (m.saveTo) save.textContent = `Save to ${m.saveTo}`;
}

export function setUpModelPanel() {
  const status = document.getElementById('model-save-status');
  const panel = document.getElementById('panel-model');
  const open = async file => {
    status.textContent = `Opening ${file.name}…`;
    try {
      const r = await engine.openModel(await file.arrayBuffer(), file.name);
      status.textContent = `Opened ${file.name}: ${r.spec}, ${r.parameters.toLocaleString('en')} parameters.`;
    } catch (e) {
      status.textContent = '';
      showError(e.message);
    }
  };
  document.getElementById('model-open').addEventListener('change', e => {
    if (e.target.files[0]) open(e.target.files[0]);
    e.target.value = '';
  });
  panel.addEventListener('dragover', e => { e.preventDefault(); panel.classList.add('dropping'); });
  panel.addEventListener('dragleave', () => panel.classList.remove('dropping'));
  panel.addEventListener('drop', e => {
    e.preventDefault();
    panel.classList.remove('dropping');
    if (e.dataTransfer.files[0]) open(e.dataTransfer.files[0]);
  });
  document.getElementById('model-download').addEventListener('click', async () => {
    try {
      const blob = await engine.modelFile();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'model.safetensors';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      showError(e.message);
    }
  });
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
