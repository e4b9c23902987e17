// Tiny helpers for the step-by-step figures, which are SVG so they stay sharp on a projector.

const NS = 'http://www.w3.org/2000/svg';

export function svg(width, height) {
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('width', width);
  root.setAttribute('height', height);
  return root;
}

export function el(parent, tag, attrs = {}, text = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  parent.append(node);
  return node;
}

/** A vertical arrow from (x, y) of signed length `length` (up when positive), with a head. */
export function arrow(parent, x, y, length, color, width = 4) {
  if (Math.abs(length) < 0.5) return;
  const tipY = y - length;
  const dir = length > 0 ? 1 : -1;
  el(parent, 'line', { x1: x, y1: y, x2: x, y2: tipY + dir * 6, stroke: color, 'stroke-width': width });
  el(parent, 'polygon', {
    points: `${x - 7},${tipY + dir * 9} ${x + 7},${tipY + dir * 9} ${x},${tipY}`,
    fill: color,
  });
}
