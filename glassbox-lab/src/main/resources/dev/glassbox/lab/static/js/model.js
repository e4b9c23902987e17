// Your model and data: what is on show; opening a .safetensors file (picker or drag-and-drop);
// downloading the model on show with its provenance; on the lab server, saving it to the file chosen
// at start-up; in a static site, opening a table or a zip of an image folder, which the engine in
// the page reads and prepares.

import { showError } from './api.js';
import { engine } from './engine.js';
import { showTestDigit } from './draw.js';
import { emit, state } from './state.js';

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

/** 'csv' for a table, 'zip' for an image folder, 'model' for a .safetensors or .onnx file. */
function kindOf(file) {
  const name = file.name.toLowerCase();
  return name.endsWith('.safetensors') || name.endsWith('.onnx') ? 'model' : name.endsWith('.zip') ? 'zip' : 'csv';
}

const count = n => n.toLocaleString('en');

/** What the engine said it opened, in a sentence. */
function opened(r) {
  const what = `Opened ${r.name}: ${count(r.train + r.test)} ${r.samples} (${count(r.train)} to train, ${count(r.test)}`
    + ` to test)${r.classes ? `, ${r.classes} classes` : ''}`;
  const model = r.kept ? 'the model on show reads them.'
    : `a new network ${r.spec} with random weights: Start in Train live trains it.`;
  const skipped = r.skipped?.length ? ` Left out ${r.skipped.length} unreadable: ${r.skipped.slice(0, 3).join('; ')}`
    + `${r.skipped.length > 3 ? '; …' : ''}` : '';
  return `${what}; ${model}${skipped}`;
}

function setUpData(refreshModel) {
  const status = document.getElementById('data-status');
  document.getElementById('data-buttons').hidden = !engine.opensData;
  if (!engine.opensData) {
    document.getElementById('data-note').textContent = 'This lab shows the data it was started with: glassbox lab'
      + ' --data FILE.csv or --data DIR (a folder with one subfolder of images per class).';
    return null;
  }
  engine.on('data', d => { status.textContent = d.message; });
  const open = async file => {
    status.textContent = `Opening ${file.name}…`;
    try {
      const r = await engine.openData(await file.arrayBuffer(), file.name, kindOf(file));
      state.example = null; // the old example may not fit the new data
      status.textContent = opened(r);
      await refreshModel();
      emit('data', r);
      await showTestDigit({ index: 0 });
    } catch (e) {
      status.textContent = '';
      showError(e.message);
    }
  };
  onPick('data-open', open);
  return open;
}

/** Calls `open` with the file picked in the file input `id`, which is then cleared for the next pick. */
function onPick(id, open) {
  document.getElementById(id).addEventListener('change', e => {
    if (e.target.files[0]) open(e.target.files[0]);
    e.target.value = '';
  });
}

export function setUpModelPanel(refreshModel) {
  const status = document.getElementById('model-save-status');
  const panel = document.getElementById('panel-model');
  const openData = setUpData(refreshModel);
  const open = async file => {
    status.textContent = `Opening ${file.name}…`;
    try {
      const how = { layers: document.getElementById('model-layers').value.trim(),
        normalize: document.getElementById('model-normalize').value.trim() };
      const r = await engine.openModel(await file.arrayBuffer(), file.name, how);
      status.textContent = `Opened ${file.name}: ${r.spec}, ${r.parameters.toLocaleString('en')} parameters.`;
    } catch (e) {
      status.textContent = '';
      showError(e.message);
    }
  };
  onPick('model-open', open);
  panel.addEventListener('dragover', e => { e.preventDefault(); panel.classList.add('dropping'); });
  panel.addEventListener('dragleave', () => panel.classList.remove('dropping'));
  panel.addEventListener('drop', e => {
    e.preventDefault();
    panel.classList.remove('dropping');
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (kindOf(file) === 'model') open(file);
    else if (openData) openData(file);
    else showError(`${file.name}: this lab shows the data it was started with; drop a .safetensors model here`);
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
