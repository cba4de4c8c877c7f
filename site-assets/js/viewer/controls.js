// Small pieces both viewers use: building controls, keeping the view in the URL, downloads,
// and the loading status.

/** Creates an element: h('label', {class: 'x'}, 'text', child…). */
export function h(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === false || v === null || v === undefined) continue;
    e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children);
  return e;
}

/** A <select> of `options` with `value` chosen. */
export function select(cls, options, value, label) {
  const s = h('select', { class: cls, 'aria-label': label });
  for (const o of options) s.append(h('option', { value: o, selected: o === value }, o));
  return s;
}

export const COLORMAPS = ['gray', 'viridis', 'inferno', 'magma', 'cividis'];
export const SCALES = ['linear', 'log', 'sqrt'];

/**
 * The view of viewer `index` kept in the URL's fragment as `v<index>.<key>=value`, so a view can
 * be shared and survives a reload.
 */
export class UrlState {
  constructor(index) {
    this.prefix = `v${index}.`;
  }

  get(key) {
    return new URLSearchParams(location.hash.slice(1)).get(this.prefix + key);
  }

  number(key, fallback) {
    const v = this.get(key);
    return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;
  }

  set(values) {
    const params = new URLSearchParams(location.hash.slice(1));
    for (const [k, v] of Object.entries(values)) {
      if (v === null || v === undefined) params.delete(this.prefix + k);
      else params.set(this.prefix + k, String(v));
    }
    history.replaceState(null, '', `#${params}`);
  }
}

/**
 * The visible hint of how to move around a viewer's planes: one for a mouse and one for a touch
 * screen, the stylesheet showing the one that fits the device. `pointer` and `touch` add what
 * else the mouse or a finger does.
 */
export function navigationHint({ pointer = '', touch = '' } = {}) {
  return h('p', { class: 'viewer-hint' },
    h('span', { class: 'hint-pointer' }, `Drag to pan · wheel, + or − to zoom · 0 or Reset to reset${pointer}`),
    h('span', { class: 'hint-touch' }, `Pinch or + and − to zoom · drag with two fingers to pan · Reset to reset${touch}`));
}

/** Offers `blob` as a download called `name`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A progress bar and a status line for chunk loading. */
export class Status {
  constructor() {
    this.bar = h('progress', { class: 'viewer-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Loading data' });
    this.line = h('p', { class: 'viewer-status', role: 'status' });
  }

  progress(done, total) {
    this.bar.hidden = done >= total;
    this.bar.max = total;
    this.bar.value = done;
  }

  say(text) {
    this.line.textContent = text;
  }
}

/** "2.5 µm", "120 nm", "1.2 mm" for a length in metres. */
export function formatLength(metres) {
  const units = [[1e-3, 'mm'], [1e-6, 'µm'], [1e-9, 'nm']];
  for (const [size, unit] of units) {
    if (Math.abs(metres) >= size) return `${+(metres / size).toPrecision(3)} ${unit}`;
  }
  return `${+(metres / 1e-9).toPrecision(3)} nm`;
}

/** Numbers for a read-out: up to 5 significant digits. */
export function formatValue(v) {
  if (Number.isNaN(v)) return 'no data';
  if (Number.isInteger(v)) return String(v);
  return String(+v.toPrecision(5));
}

/**
 * Wires the window controls both viewers share: scale, colormap, auto-contrast and a manual
 * min/max. A log scale drops a window reaching zero or below; a manual window is taken only
 * when both bounds are finite numbers in order.
 */
export function bindWindowControls(view, { scaleSelect, cmapSelect, auto, minInput, maxInput }, paint) {
  scaleSelect.addEventListener('change', () => {
    view.scale = scaleSelect.value;
    if (view.scale === 'log' && view.min !== null && view.min <= 0) view.min = view.max = null;
    paint();
  });
  cmapSelect.addEventListener('change', () => { view.colormap = cmapSelect.value; paint(); });
  auto.addEventListener('click', () => { view.min = view.max = null; paint(); });
  for (const input of [minInput, maxInput]) {
    input.addEventListener('change', () => {
      const min = Number(minInput.value);
      const max = Number(maxInput.value);
      if (minInput.value !== '' && maxInput.value !== '' && Number.isFinite(min) && Number.isFinite(max) && min <= max) {
        view.min = min;
        view.max = max;
        paint();
      }
    });
  }
}
