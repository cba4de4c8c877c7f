// The volume viewer: three orthogonal planes (xy, xz, yz) with a linked crosshair, slice
// sliders, window/level, colormap, zoom and pan with coarse-to-fine loading across scales, a
// scale bar in physical units, and an "Open in Neuroglancer" link carrying the current view.

import { Plane } from './data.js';
import { PlaneCanvas, autoWindow, colour } from './render.js';
import { COLORMAPS, SCALES, Status, UrlState, bindWindowControls, formatLength, formatValue, h, navigationHint, select } from './controls.js';

const NEUROGLANCER = 'https://neuroglancer-demo.appspot.com/';
const AXES = ['x', 'y', 'z'];

/** Plane of each panel: the axis it is orthogonal to, and its horizontal and vertical axes. */
const PANELS = [
  { name: 'xy', axis: 2, u: 0, v: 1 },
  { name: 'xz', axis: 1, u: 0, v: 2 },
  { name: 'yz', axis: 0, u: 1, v: 2 },
];

/** 1, 2 or 5 × 10ⁿ, the largest not above `x`. */
function niceBelow(x) {
  const p = 10 ** Math.floor(Math.log10(x));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= x) ?? p;
}

export async function volumeViewer(element, volume, colormaps) {
  const size = volume.size;
  const state = new UrlState(element.dataset.index);
  const voxel = volume.scales[0].resolution.map((nm) => nm * 1e-9);
  const knownSize = Number(element.dataset.pixelM) > 0;
  const view = {
    position: AXES.map((a, i) => Math.min(size[i] - 1, Math.max(0, Math.round(state.number(a, Math.floor(size[i] / 2)))))),
    scale: SCALES.includes(state.get('scale')) ? state.get('scale') : element.dataset.scale,
    colormap: COLORMAPS.includes(state.get('cmap')) ? state.get('cmap') : element.dataset.colormap,
    min: state.number('min', null),
    max: state.number('max', null),
  };
  const planes = [null, null, null];
  const requests = [0, 0, 0];
  const status = new Status();

  const sliders = AXES.map((a, i) => h('input', { type: 'range', class: `v-slice-${a}`, min: 0, max: size[i] - 1,
    value: view.position[i], 'aria-label': `${a} slice` }));
  const outputs = AXES.map((a, i) => h('output', {}, String(view.position[i])));
  const scaleSelect = select('v-scale', SCALES, view.scale, 'Scale');
  const cmapSelect = select('v-cmap', COLORMAPS, view.colormap, 'Colormap');
  const auto = h('button', { type: 'button', class: 'v-auto' }, 'Auto contrast');
  const minInput = h('input', { type: 'number', class: 'v-min', step: 'any', 'aria-label': 'Window minimum' });
  const maxInput = h('input', { type: 'number', class: 'v-max', step: 'any', 'aria-label': 'Window maximum' });
  const neuroglancer = h('a', { class: 'v-neuroglancer', target: '_blank', rel: 'noopener' }, 'Open in Neuroglancer');
  const readout = h('p', { class: 'v-readout', 'aria-live': 'polite' }, 'Point at or tap a plane to read its values.');
  const canvases = PANELS.map((p) => h('canvas', { class: `viewer-canvas v-plane-${p.name}`, tabindex: 0, role: 'img',
    'aria-label': `${p.name} plane at ${AXES[p.axis]} (arrows move the slice, + and − zoom, Shift+arrows pan, 0 resets)` }));

  element.replaceChildren(
    h('div', { class: 'viewer-toolbar' },
      ...AXES.map((a, i) => h('label', {}, `${a} `, sliders[i], ' ', outputs[i])),
      h('label', {}, 'Scale ', scaleSelect), h('label', {}, 'Colormap ', cmapSelect),
      auto, h('label', {}, 'Min ', minInput), h('label', {}, 'Max ', maxInput), neuroglancer),
    h('div', { class: 'viewer-planes' }, ...PANELS.map((p, i) => h('figure', {}, canvases[i], h('figcaption', {}, p.name)))),
    navigationHint({ pointer: ' · click to move the crosshair', touch: ' · tap to move the crosshair' }),
    readout, status.bar, status.line);

  const views = PANELS.map((p, i) => {
    const pc = new PlaneCanvas(canvases[i], size[p.u], size[p.v], {
      onPick: (x, y) => {
        if (x < 0 || y < 0 || x >= size[p.u] || y >= size[p.v]) return;
        view.position[p.u] = Math.floor(x);
        view.position[p.v] = Math.floor(y);
        moved([p.u, p.v]);
      },
      onHover: (x, y) => {
        const plane = planes[i];
        if (!plane || x < 0 || y < 0 || x >= size[p.u] || y >= size[p.v]) return;
        const value = plane.values[Math.floor(y / plane.factor[1]) * plane.width + Math.floor(x / plane.factor[0])];
        const at = [...view.position];
        at[p.u] = Math.floor(x);
        at[p.v] = Math.floor(y);
        readout.textContent = `x ${at[0]}, y ${at[1]}, z ${at[2]}: ${formatValue(value)}`;
      },
      onKey: (e) => {
        const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1, PageDown: -10, PageUp: 10 };
        if (!(e.key in steps)) return false;
        view.position[p.axis] = Math.min(size[p.axis] - 1, Math.max(0, view.position[p.axis] + steps[e.key]));
        moved([p.axis]);
        return true;
      },
      overlay: (ctx, toScreen, k) => {
        const [cx, cy] = toScreen(view.position[p.u] + 0.5, view.position[p.v] + 0.5);
        ctx.strokeStyle = 'rgba(255, 200, 0, 0.8)';
        ctx.lineWidth = pc.ratio();
        ctx.beginPath();
        ctx.moveTo(cx, 0);
        ctx.lineTo(cx, ctx.canvas.height);
        ctx.moveTo(0, cy);
        ctx.lineTo(ctx.canvas.width, cy);
        ctx.stroke();
        if (knownSize) {
          const perPixel = voxel[p.u];
          const length = niceBelow((ctx.canvas.width / 5 / k) * perPixel);
          const bar = (length / perPixel) * k;
          const y = ctx.canvas.height - 12 * pc.ratio();
          ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
          ctx.fillRect(10 * pc.ratio(), y, bar, 3 * pc.ratio());
          ctx.font = `${12 * pc.ratio()}px sans-serif`;
          ctx.fillText(formatLength(length), 10 * pc.ratio(), y - 4 * pc.ratio());
        }
      },
    });
    pc.onZoom = () => load(i);
    return pc;
  });

  function windowNow() {
    if (view.min !== null && view.max !== null && view.min <= view.max && (view.scale !== 'log' || view.min > 0)) {
      return { min: view.min, max: view.max };
    }
    const loaded = planes.filter(Boolean);
    const all = new Float32Array(loaded.reduce((n, p) => n + p.values.length, 0));
    let at = 0;
    for (const p of loaded) {
      all.set(p.values, at);
      at += p.values.length;
    }
    return autoWindow(new Plane(all.length, 1, all, [1, 1]), view.scale);
  }

  function paint() {
    if (planes.every((p) => !p)) return;
    const w = windowNow();
    minInput.value = formatValue(w.min);
    maxInput.value = formatValue(w.max);
    planes.forEach((plane, i) => {
      if (plane) views[i].show(colour(plane, { lut: colormaps[view.colormap], scale: view.scale, min: w.min, max: w.max }), plane.factor);
    });
    element.dataset.rendered = String(Number(element.dataset.rendered || 0) + 1);
    updateLink();
    state.set({ x: view.position[0], y: view.position[1], z: view.position[2], scale: view.scale, cmap: view.colormap,
      min: view.min, max: view.max });
  }

  function updateLink() {
    const name = element.dataset.name;
    const ng = {
      dimensions: { x: [voxel[0], 'm'], y: [voxel[1], 'm'], z: [voxel[2], 'm'] },
      position: view.position.map((p) => p + 0.5),
      crossSectionScale: 1,
      layers: [{ type: 'image', source: `precomputed://${volume.base.href.replace(/\/$/, '')}`, name }],
      selectedLayer: { layer: name },
      layout: '4panel',
    };
    neuroglancer.href = `${NEUROGLANCER}#!${encodeURIComponent(JSON.stringify(ng))}`;
  }

  /** Loads panel i's plane coarse to fine. */
  async function load(i) {
    const p = PANELS[i];
    const mine = ++requests[i];
    const index = view.position[p.axis];
    const coarsest = volume.scales.length - 1;
    const needed = volume.scaleFor(p.axis, canvases[i].width * views[i].zoom);
    for (const s of [coarsest, needed].filter((s, k, a) => a.indexOf(s) === k)) {
      const current = planes[i];
      if (current && current.index === index && current.scale <= s) continue;
      status.say(`Loading the ${p.name} plane (${volume.scales[s].key})…`);
      let plane;
      try {
        plane = await volume.plane(s, p.axis, index, (done, total) => status.progress(done, total));
      } catch (e) {
        status.progress(1, 1);
        status.say(`Cannot load the ${p.name} plane: ${e.message}`);
        element.dataset.state = 'error';
        return;
      }
      if (mine !== requests[i]) return;
      plane.index = index;
      plane.scale = s;
      planes[i] = plane;
      paint();
    }
    if (mine === requests[i]) ready();
  }

  function ready() {
    const coarse = planes.some((p) => p && p.factor[0] > 1);
    status.say(`${size.join(' × ')} voxels${coarse ? ' · some planes at reduced resolution' : ''} · data from ${volume.origin === 'api' ? 'the API' : 'the static site'}`);
  }

  async function loadAll() {
    await Promise.all(PANELS.map((p, i) => load(i)));
    if (element.dataset.state !== 'error') {
      ready();
      element.dataset.state = 'ready';
    }
  }

  /** The crosshair moved along `axes`: reload the planes orthogonal to them, redraw the others. */
  function moved(axes) {
    AXES.forEach((a, i) => {
      sliders[i].value = view.position[i];
      outputs[i].textContent = String(view.position[i]);
    });
    PANELS.forEach((p, i) => {
      if (axes.includes(p.axis)) load(i);
      else views[i].draw();
    });
    updateLink();
    state.set({ x: view.position[0], y: view.position[1], z: view.position[2] });
  }

  sliders.forEach((s, a) => s.addEventListener('input', () => {
    view.position[a] = Number(s.value);
    moved([a]);
  }));
  bindWindowControls(view, { scaleSelect, cmapSelect, auto, minInput, maxInput }, paint);
  updateLink();
  await loadAll();
}
