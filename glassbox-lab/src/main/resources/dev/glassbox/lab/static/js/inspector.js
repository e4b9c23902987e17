// One neuron opened up: all its incoming weights, and its sum-then-activation for the example on show.

import { engine } from './engine.js';
import { fmt, maxAbs, weightColor } from './colors.js';
import { inputName as firstColumnInput, isTable, paintInputWeights } from './inputs.js';
import { state } from './state.js';

function inputName(detail, i) {
  return detail.fromPixels ? firstColumnInput(state.structure, i) : `neuron ${i}`;
}

function weightStrip(weights) {
  const canvas = document.createElement('canvas');
  canvas.className = 'weights';
  const width = Math.max(weights.length, 64);
  canvas.width = width;
  canvas.height = 40;
  const ctx = canvas.getContext('2d');
  const scale = maxAbs(weights);
  const bar = width / weights.length;
  weights.forEach((w, i) => {
    ctx.fillStyle = weightColor(w, scale, 0.15);
    const h = scale > 0 ? 19 * Math.abs(w) / scale : 0;
    ctx.fillRect(i * bar, w >= 0 ? 20 - h : 20, Math.max(1, bar - 1), h);
  });
  return canvas;
}

export async function showNeuron(box, pixels, column, neuron, columnName) {
  const detail = await engine.post('neuron', { pixels, column, neuron });
  box.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = `${columnName}, neuron ${neuron}`;
  box.append(title);

  const weightsTitle = document.createElement('h3');
  weightsTitle.textContent = `Its ${detail.weights.length} incoming weights`;
  box.append(weightsTitle);
  if (detail.fromPixels) {
    const canvas = document.createElement('canvas');
    canvas.className = 'weights';
    paintInputWeights(canvas, state.structure, detail.weights);
    box.append(canvas);
    const note = document.createElement('p');
    note.className = 'note';
    note.innerHTML = isTable(state.structure)
      ? 'One weight per input: an input above 0 (a number above its mean, a chosen text value) on a'
        + ' <b class="pos">blue</b> weight raises the sum, on a <b class="neg">red</b> weight lowers it.'
      : 'One weight per pixel, laid out as the image: ink on <b class="pos">blue</b> pixels raises the'
        + ' sum, ink on <b class="neg">red</b> pixels lowers it.';
    box.append(note);
  } else {
    box.append(weightStrip(detail.weights));
  }

  const sumTitle = document.createElement('h3');
  sumTitle.textContent = 'Sum, then activation';
  box.append(sumTitle);
  const lines = document.createElement('div');
  lines.className = 'arithmetic';
  const add = (text, cls) => {
    const line = document.createElement('div');
    line.textContent = text;
    if (cls) line.className = cls;
    lines.append(line);
  };
  add('z = Σ weight × input + bias');
  for (const t of detail.terms) {
    add(`  ${fmt(t.weight)} × ${fmt(t.value)} = ${fmt(t.product)}   (${inputName(detail, t.input)})`);
  }
  const others = detail.termCount - detail.terms.length;
  if (others > 0) add(`  + ${others} more terms = ${fmt(detail.rest)}`);
  add(`  + bias ${fmt(detail.bias)}`);
  add(`z = ${fmt(detail.sum)}`, 'total');
  if (detail.activation) {
    add(`a = ${detail.activation}(z) = ${fmt(detail.output)}`, 'total');
  } else {
    add('a = z (no activation: softmax turns the outputs into probabilities)');
  }
  box.append(lines);
}
