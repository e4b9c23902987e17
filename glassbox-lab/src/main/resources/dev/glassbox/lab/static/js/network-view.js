// The network drawn as the classic picture: the input (an image, or a table row's named inputs),
// then columns of neurons, then the outputs (0–9, the classes' names, or a regression's number).
// Lines are weights (blue +, red −, stronger = more opaque and thicker); a neuron's shade is its
// activation for the current example. Drawn on a canvas, at most once per frame.

import { POSITIVE, NEGATIVE, fmt, pct } from './colors.js';
import { className, imageSize, inputNames, inputTitle, isRegression, isTable, paintExample } from './inputs.js';

export class NetworkView {
  constructor(canvas, { onSelect = null, compact = false } = {}) {
    this.canvas = canvas;
    this.onSelect = onSelect;
    this.compact = compact;
    this.structure = null;
    this.activity = null;
    this.selected = null;
    this.positions = [];
    this.pending = false;
    this.image = document.createElement('canvas');
    canvas.addEventListener('click', e => this.click(e));
    new ResizeObserver(() => this.render()).observe(canvas);
  }

  setStructure(structure) {
    this.structure = structure;
    if (this.activity && !isTable(structure)) paintExample(this.image, structure, this.activity.pixels);
    this.render();
  }

  setActivity(activity) {
    this.activity = activity;
    if (activity && this.structure && !isTable(this.structure)) paintExample(this.image, this.structure, activity.pixels);
    this.render();
  }

  select(column, neuron) {
    this.selected = column === null ? null : { column, neuron };
    this.render();
  }

  /** Schedules a redraw on the next animation frame; repeated calls in one frame draw once. */
  render() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  layout(width, height) {
    const s = this.structure;
    const top = this.compact ? 26 : 34;
    const bottom = 12;
    const left = 12;
    // Room for the outputs' names and figures: a digit and a percentage, or longer class names.
    const longest = Math.max(1, ...(s.classes ?? ['0']).map(c => c.length), isRegression(s) ? 12 : 1);
    const right = (this.compact ? 70 : 86) + longest * (this.compact ? 7 : 9);
    let image;
    let inputs = null;
    let inputWidth;
    if (isTable(s)) {
      // A column of named inputs: names on the left, a dot per input.
      const names = inputNames(s);
      const usable = height - top - bottom;
      const spacing = Math.min(this.compact ? 22 : 30, usable / Math.max(1, names.length));
      const y0 = top + (usable - spacing * (names.length - 1)) / 2;
      const labelWidth = Math.min(width * 0.22, 170);
      inputs = { x: left + labelWidth, names, spacing, radius: Math.max(1.5, Math.min(this.compact ? 7 : 10, spacing * 0.36)),
        ys: names.map((_, i) => y0 + i * spacing) };
      inputWidth = labelWidth + 10;
      image = { x: left, y: top, width: labelWidth, height: usable };
    } else {
      const { width: w, height: h } = imageSize(s);
      const boxHeight = Math.min(height - top - bottom, width * 0.24, 300);
      const side = Math.min(boxHeight / h, width * 0.24 / w);
      image = { x: left, y: top + (height - top - bottom - side * h) / 2, width: side * w, height: side * h, cell: side };
      inputWidth = side * w;
    }
    const firstX = left + inputWidth + Math.max(40, (width - inputWidth - left - right) / (s.columns.length + 1) * 0.8);
    const lastX = width - right;
    const columns = s.columns.map((c, k) => {
      const x = s.columns.length === 1 ? lastX : firstX + (lastX - firstX) * k / (s.columns.length - 1);
      const usable = height - top - bottom;
      const spacing = Math.min(this.compact ? 26 : 40, usable / c.size);
      const y0 = top + (usable - spacing * (c.size - 1)) / 2;
      const radius = Math.max(1.3, Math.min(this.compact ? 9 : 13, spacing * 0.38));
      const ys = Array.from({ length: c.size }, (_, i) => y0 + i * spacing);
      return { x, ys, radius, spacing, wide: radius < 3 };
    });
    return { image, inputs, columns, top };
  }

  /** Where input `i` of column `k` sits: a pixel of the image, a table's input, or a neuron of the column before. */
  source(layout, k, i) {
    if (k === 0 && layout.inputs) return [layout.inputs.x, layout.inputs.ys[i]];
    if (k === 0) {
      const { x, y, cell } = layout.image;
      const { width, channels } = imageSize(this.structure);
      const p = Math.floor(i / channels);
      return [x + (p % width + 0.5) * cell, y + (Math.floor(p / width) + 0.5) * cell];
    }
    const c = layout.columns[k - 1];
    return [c.x, c.ys[i]];
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!this.structure) return;
    const layout = this.layout(width, height);
    this.positions = layout.columns;
    this.drawConnections(ctx, layout);
    this.drawImage(ctx, layout);
    this.drawNeurons(ctx, layout);
  }

  drawConnections(ctx, layout) {
    const selected = this.selected;
    this.structure.connections.forEach((c, k) => {
      const target = layout.columns[k];
      // Many lines together read as a blur: the more there are, the fainter each one.
      const fade = Math.min(1, Math.sqrt(300 / Math.max(1, c.weight.length)));
      const order = Array.from(c.weight.keys()).sort((a, b) => Math.abs(c.weight[a]) - Math.abs(c.weight[b]));
      for (const j of order) {
        const w = c.weight[j];
        const strength = c.maxAbs > 0 ? Math.abs(w) / c.maxAbs : 0;
        const isSelected = selected && selected.column === k && selected.neuron === c.to[j];
        const [r, g, b] = w >= 0 ? POSITIVE : NEGATIVE;
        const alpha = isSelected ? 0.25 + 0.75 * strength
          : fade * ((selected ? 0.05 : 0.08) + 0.6 * strength * strength);
        ctx.strokeStyle = `rgba(${r},${g},${b},${alpha.toFixed(3)})`;
        ctx.lineWidth = (isSelected ? 1 : 0.4) + 2.2 * strength;
        const [x0, y0] = this.source(layout, k, c.from[j]);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(target.x, target.ys[c.to[j]]);
        ctx.stroke();
      }
    });
  }

  drawImage(ctx, layout) {
    const fontSize = this.compact ? 12 : 15;
    if (layout.inputs) {
      this.drawTableInputs(ctx, layout, fontSize);
    } else {
      const { x, y, width, height } = layout.image;
      ctx.fillStyle = '#000';
      ctx.fillRect(x, y, width, height);
      if (this.activity) {
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(this.image, x, y, width, height);
      }
    }
    ctx.fillStyle = '#4b5563';
    ctx.font = `${fontSize}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.fillText(inputTitle(this.structure), layout.image.x, layout.top - 10);
  }

  /** A table's inputs: each a dot shaded by its value (standardised: dark far from the mean), with its name. */
  drawTableInputs(ctx, layout, fontSize) {
    const { x, ys, names, radius, spacing } = layout.inputs;
    const values = this.activity?.pixels;
    let high = 0;
    if (values) for (const v of values) high = Math.max(high, Math.abs(v));
    ctx.font = `${Math.min(fontSize - 1, Math.max(9, spacing * 0.6))}px system-ui, sans-serif`;
    ys.forEach((y, i) => {
      const shade = values && high > 0 ? Math.min(1, Math.abs(values[i]) / high) : 0;
      const grey = Math.round(255 * (1 - shade));
      ctx.fillStyle = `rgb(${grey},${grey},${grey})`;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = '#6b7280';
      ctx.lineWidth = 1;
      ctx.stroke();
      if (spacing >= 9) {
        ctx.fillStyle = '#111827';
        ctx.textAlign = 'right';
        const name = names[i].length > 24 ? `${names[i].slice(0, 23)}…` : names[i];
        ctx.fillText(values ? `${name} ${fmt(values[i])}` : name, x - radius - 5, y + 4);
      }
    });
  }

  drawNeurons(ctx, layout) {
    const s = this.structure;
    const activity = this.activity;
    const fontSize = this.compact ? 12 : 15;
    s.columns.forEach((info, k) => {
      const column = layout.columns[k];
      const isOutput = k === s.columns.length - 1;
      const values = !activity ? null : isOutput && !isRegression(s) ? activity.probabilities : activity.columns[k].activations;
      let low = 0;
      let high = isOutput && !isRegression(s) ? 1 : 0;
      if (values && !(isOutput && !isRegression(s))) {
        for (const v of values) { low = Math.min(low, v); high = Math.max(high, v); }
      }
      ctx.fillStyle = '#4b5563';
      ctx.font = `${fontSize}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      const title = isOutput ? 'output' : `${info.name}${info.activation ? ' · ' + info.activation : ''}`;
      ctx.fillText(title, column.x, layout.top - 10);
      if (column.wide) {
        // Too many neurons for dots: a strip of cells, each shaded by its neuron's activation.
        const top = column.ys[0] - column.spacing / 2;
        ctx.fillStyle = '#fff';
        ctx.fillRect(column.x - 7, top, 14, column.spacing * column.ys.length);
        ctx.strokeStyle = '#6b7280';
        ctx.lineWidth = 1;
        ctx.strokeRect(column.x - 7, top, 14, column.spacing * column.ys.length);
      }
      column.ys.forEach((y, i) => {
        const shade = values && high > low ? (values[i] - low) / (high - low) : 0;
        const grey = Math.round(255 * (1 - shade));
        ctx.fillStyle = `rgb(${grey},${grey},${grey})`;
        if (column.wide) {
          if (shade > 0) ctx.fillRect(column.x - 6, y - column.spacing / 2, 12, column.spacing);
        } else {
          ctx.beginPath();
          ctx.arc(column.x, y, column.radius, 0, 2 * Math.PI);
          ctx.fill();
        }
        const isSelected = this.selected && this.selected.column === k && this.selected.neuron === i;
        if (!column.wide || isSelected) {
          ctx.strokeStyle = isSelected ? '#7c3aed' : '#6b7280';
          ctx.lineWidth = isSelected ? 3 : 1;
          ctx.beginPath();
          ctx.arc(column.x, y, isSelected ? column.radius + 3 : column.radius, 0, 2 * Math.PI);
          ctx.stroke();
        }
        if (isOutput) {
          const top = activity && activity.predicted === i;
          ctx.fillStyle = top ? '#7c3aed' : '#111827';
          ctx.font = `${top ? 'bold ' : ''}${fontSize + 2}px system-ui, sans-serif`;
          ctx.textAlign = 'left';
          const name = isRegression(s) ? (s.inputs.label ?? 'value') : className(s, i);
          const label = !activity ? name : isRegression(s) ? `${name}  ${fmt(activity.value)}`
            : `${name}  ${pct(activity.probabilities[i])}`;
          ctx.fillText(label, column.x + column.radius + 6, y + 5);
        }
      });
    });
  }

  /** Where neuron `neuron` of column `column` was drawn, in CSS pixels from the canvas's top left. */
  neuronAt(column, neuron) {
    const c = this.positions[column];
    return c ? [c.x, c.ys[neuron]] : null;
  }

  click(event) {
    if (!this.onSelect || !this.positions.length) return;
    const rect = this.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    let best = null;
    this.positions.forEach((column, k) => {
      column.ys.forEach((ny, i) => {
        const d = Math.hypot(x - column.x, y - ny);
        const near = column.wide ? Math.abs(x - column.x) <= 9 && Math.abs(y - ny) <= column.spacing / 2
          : d <= Math.max(column.radius + 4, 6);
        if (near && (!best || d < best.d)) best = { d, column: k, neuron: i };
      });
    });
    if (best) {
      this.select(best.column, best.neuron);
      this.onSelect(best.column, best.neuron);
    }
  }
}
