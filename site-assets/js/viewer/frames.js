// The diffraction viewer: one frame of a stack at a time (images are a stack of one), coloured in
// the browser. Frame slider and play, scale, colormap, automatic and manual window with a
// histogram, zoom and pan, pixel read-out, mask overlay, and downloads of the frame (PNG, raw
// float32). Where the frames are far-field patterns (data-far-field, decided at build time from
// the technique or the curator's far_field option), also q and resolution from the geometry,
// resolution rings and the radial profile: on a near-field hologram they would mean nothing.
// Frames are numbered as in the file, from 0, "frame 17 of 200" everywhere.

import { PlaneCanvas, autoWindow, colour, drawHistogram, transform } from './render.js';
import { COLORMAPS, SCALES, Status, UrlState, bindWindowControls, download, formatValue, h, navigationHint, select } from './controls.js';


export async function framesViewer(element, volume, colormaps) {
  const [width, height, frames] = volume.size;
  const state = new UrlState(element.dataset.index);
  const geometry = {
    wavelength: Number(element.dataset.wavelengthM) || 0,
    distance: Number(element.dataset.distanceM) || 0,
    pixel: Number(element.dataset.pixelM) || 0,
  };
  const farField = element.dataset.farField === '1';
  const hasGeometry = farField && geometry.wavelength > 0 && geometry.distance > 0 && geometry.pixel > 0;
  // The beam centre the file records (x along a row, y down the rows, in pixels), else the frame's.
  const beam = (element.dataset.beamCentre || '').split(',').map(Number);
  const hasBeam = beam.length === 2 && beam.every(Number.isFinite);
  const centre = hasBeam ? beam : [width / 2, height / 2];
  element.dataset.centre = centre.join(',');
  const firstFrame = element.dataset.frame !== '' ? Number(element.dataset.frame) : Math.floor(frames / 2);
  const view = {
    frame: Math.min(frames - 1, Math.max(0, Math.round(state.number('frame', firstFrame)))),
    scale: SCALES.includes(state.get('scale')) ? state.get('scale') : element.dataset.scale,
    colormap: COLORMAPS.includes(state.get('cmap')) ? state.get('cmap') : element.dataset.colormap,
    min: state.number('min', null),
    max: state.number('max', null),
    rings: state.get('rings') === '1',
    mask: state.get('mask') !== '0',
  };
  let plane = null;
  let mask = null;
  let playing = null;
  let request = 0;

  const frameInput = h('input', { type: 'range', class: 'v-frame', min: 0, max: frames - 1, value: view.frame, 'aria-label': 'Frame' });
  const frameOut = h('output', { class: 'v-frame-number' }, String(view.frame));
  const play = h('button', { type: 'button', class: 'v-play', hidden: frames < 2 }, 'Play');
  const scaleSelect = select('v-scale', SCALES, view.scale, 'Scale');
  const cmapSelect = select('v-cmap', COLORMAPS, view.colormap, 'Colormap');
  const auto = h('button', { type: 'button', class: 'v-auto' }, 'Auto contrast');
  const minInput = h('input', { type: 'number', class: 'v-min', step: 'any', 'aria-label': 'Window minimum' });
  const maxInput = h('input', { type: 'number', class: 'v-max', step: 'any', 'aria-label': 'Window maximum' });
  const rings = h('input', { type: 'checkbox', class: 'v-rings', checked: view.rings && hasGeometry, disabled: !hasGeometry });
  const maskBox = h('input', { type: 'checkbox', class: 'v-mask', checked: view.mask, disabled: true });
  const png = h('button', { type: 'button', class: 'v-png' }, 'PNG');
  const raw = h('button', { type: 'button', class: 'v-raw' }, 'Raw');
  const canvas = h('canvas', { class: 'viewer-canvas', tabindex: 0, role: 'img',
    'aria-label': frames < 2
      ? `Image viewer of ${element.dataset.name}: + and − zoom, Shift+arrows pan, 0 resets`
      : `Frame viewer of ${element.dataset.name}: arrows change frame, + and − zoom, Shift+arrows pan, 0 resets, space plays` });
  const histogram = h('canvas', { class: 'v-histogram', width: 256, height: 64, 'aria-label': 'Histogram of the frame' });
  const histogramCaption = h('p', { class: 'viewer-caption' });
  // The values at the ends and the middle of the histogram's axis.
  const histogramAxis = h('p', { class: 'v-histogram-axis' }, h('span'), h('span'), h('span'));
  const profile = h('canvas', { class: 'v-profile', width: 256, height: 120, 'aria-label': 'Radial profile' });
  const readout = h('p', { class: 'v-readout', 'aria-live': 'polite' }, 'Point at or tap the frame to read its values.');
  const status = new Status();

  element.replaceChildren(
    h('div', { class: 'viewer-toolbar' },
      // A single frame has nothing to step through or play.
      h('label', { hidden: frames < 2, title: 'Frames are numbered as in the file, from 0' },
        'Frame ', frameInput, ' ', frameOut, ` of ${frames}`), play,
      h('label', {}, 'Scale ', scaleSelect), h('label', {}, 'Colormap ', cmapSelect),
      auto, h('label', {}, 'Min ', minInput), h('label', {}, 'Max ', maxInput),
      h('label', { hidden: !farField, title: hasGeometry ? '' : 'needs wavelength, detector distance and pixel size' }, rings, ' Resolution rings'),
      // Only detector frames can have a CXI mask.
      h('label', { hidden: element.dataset.mask !== '1' }, maskBox, ' Mask'),
      h('span', { class: 'v-downloads' }, 'Download frame: ', png, ' ', raw)),
    h('div', { class: 'viewer-body' },
      h('div', { class: 'viewer-main' }, canvas,
        navigationHint({ pointer: ' · point to read a value', touch: ' · tap to read a value' })),
      h('div', { class: 'viewer-side' },
        histogramCaption, histogram, histogramAxis,
        h('p', { class: 'viewer-caption', hidden: !farField }, `Radial profile (mean by radius from the ${hasBeam ? 'beam' : 'frame'} centre)`),
        farField ? profile : '',
        readout)),
    status.bar, status.line);

  /** "17 of 200": how the slider and the status line both name a frame. */
  const frameOf = (f) => `${f} of ${frames}`;
  /** Scattering angle 2θ of a full-resolution pixel distance from the centre. */
  const twoTheta = (r) => Math.atan((r * geometry.pixel) / geometry.distance);

  const view2d = new PlaneCanvas(canvas, width, height, {
    onHover: (x, y) => {
      if (!plane || x < 0 || y < 0 || x >= width || y >= height) {
        readout.textContent = 'Point at or tap the frame to read its values.';
        return;
      }
      const i = Math.floor(x / plane.factor[0]);
      const j = Math.floor(y / plane.factor[1]);
      let text = `x ${Math.floor(x)}, y ${Math.floor(y)}: ${formatValue(plane.values[j * plane.width + i])}`;
      if (plane.factor[0] > 1) text += ` (mean of ${plane.factor[0]}×${plane.factor[1]})`;
      if (hasGeometry) {
        const theta = twoTheta(Math.hypot(x - centre[0], y - centre[1])) / 2;
        const lambda = geometry.wavelength * 1e10;
        const q = (4 * Math.PI * Math.sin(theta)) / lambda;
        text += theta > 0 ? `; q ${q.toPrecision(4)} Å⁻¹, resolution ${(lambda / (2 * Math.sin(theta))).toPrecision(4)} Å` : '; q 0';
      }
      readout.textContent = text;
    },
    onKey: (e) => {
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && frames > 1) {
        setFrame(view.frame + (e.key === 'ArrowLeft' ? -1 : 1));
        return true;
      }
      if (e.key === ' ') {
        togglePlay();
        return true;
      }
      return false;
    },
    overlay: (ctx, toScreen, k) => {
      if (!rings.checked || !hasGeometry) return;
      const lambda = geometry.wavelength * 1e10;
      const maxR = Math.hypot(width, height) / 2;
      // Resolution at a radius; rings at round resolutions (1, 2, 5 × 10ⁿ Å) between the frame's
      // edge and a sixth of the way out, whatever the geometry (far field or near field).
      const dAt = (r) => lambda / (2 * Math.sin(twoTheta(r) / 2));
      const edge = dAt(Math.min(width, height) / 2);
      const inner = dAt(Math.min(width, height) / 12);
      const resolutions = [];
      for (let e = Math.floor(Math.log10(edge)); e <= Math.ceil(Math.log10(inner)); e++) {
        for (const m of [1, 2, 5]) {
          const d = m * 10 ** e;
          if (d >= edge && d <= inner) resolutions.push(d);
        }
      }
      ctx.strokeStyle = 'rgba(120, 220, 255, 0.9)';
      ctx.fillStyle = 'rgba(120, 220, 255, 0.95)';
      ctx.font = `${12 * view2d.ratio()}px sans-serif`;
      ctx.lineWidth = view2d.ratio();
      const [cx, cy] = toScreen(centre[0], centre[1]);
      for (const d of resolutions) {
        if (lambda / (2 * d) >= 1) continue;
        const theta = Math.asin(lambda / (2 * d));
        const r = (geometry.distance * Math.tan(2 * theta)) / geometry.pixel;
        if (r > maxR || r * k < 8) continue;
        ctx.beginPath();
        ctx.arc(cx, cy, r * k, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.fillText(`${+d.toPrecision(3)} Å`, cx + (r * k) / Math.SQRT2 + 3, cy - (r * k) / Math.SQRT2 - 3);
      }
    },
  });
  view2d.onZoom = () => load();

  function windowNow() {
    if (view.min !== null && view.max !== null && view.min <= view.max && (view.scale !== 'log' || view.min > 0)) {
      return { min: view.min, max: view.max };
    }
    return autoWindow(plane, view.scale, { mask: maskBox.checked ? mask : null, fullWidth: width });
  }

  function paint() {
    if (!plane) return;
    const w = windowNow();
    minInput.value = formatValue(w.min);
    maxInput.value = formatValue(w.max);
    const shownMask = mask && maskBox.checked ? mask : null;
    view2d.show(colour(plane, { lut: colormaps[view.colormap], scale: view.scale, min: w.min, max: w.max,
      mask: shownMask, fullWidth: width, maskColour: [0, 200, 255, 160] }), plane.factor);
    const axis = drawHistogram(histogram, plane, view.scale, w, { mask: shownMask, fullWidth: width });
    [...histogramAxis.children].forEach((span, i) => { span.textContent = axis ? formatValue(axis[i]) : ''; });
    histogramCaption.textContent = `Histogram of the values (${view.scale} axis)`;
    if (farField) drawProfile();
    element.dataset.rendered = String(Number(element.dataset.rendered || 0) + 1);
    state.set({ frame: view.frame, scale: view.scale, cmap: view.colormap, min: view.min, max: view.max,
      rings: rings.checked ? 1 : null, mask: maskBox.checked ? null : 0 });
  }

  function drawProfile() {
    const ctx = profile.getContext('2d');
    ctx.clearRect(0, 0, profile.width, profile.height);
    const cx = centre[0] / plane.factor[0];
    const cy = centre[1] / plane.factor[1];
    const bins = Math.max(1, Math.ceil(Math.hypot(Math.max(cx, plane.width - cx), Math.max(cy, plane.height - cy))));
    const sum = new Float64Array(bins);
    const count = new Uint32Array(bins);
    for (let j = 0; j < plane.height; j++) {
      for (let i = 0; i < plane.width; i++) {
        const v = plane.values[j * plane.width + i];
        if (Number.isNaN(v) || (mask && maskBox.checked && mask[j * plane.factor[1] * width + i * plane.factor[0]])) continue;
        const r = Math.min(bins - 1, Math.floor(Math.hypot(i + 0.5 - cx, j + 0.5 - cy)));
        sum[r] += v;
        count[r]++;
      }
    }
    const f = transform(view.scale === 'log' ? 'log' : 'linear');
    const ys = Array.from(sum, (s, r) => (count[r] ? f(s / count[r]) : NaN));
    const finite = ys.filter(Number.isFinite);
    if (finite.length === 0) return;
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    ctx.strokeStyle = getComputedStyle(profile).color || '#333';
    ctx.beginPath();
    let started = false;
    ys.forEach((y, r) => {
      if (!Number.isFinite(y)) return;
      const px = (r / Math.max(1, bins - 1)) * profile.width;
      const py = profile.height - 2 - ((y - lo) / (hi > lo ? hi - lo : 1)) * (profile.height - 4);
      if (started) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      started = true;
    });
    ctx.stroke();
  }

  /** Loads the frame coarse to fine: the coarsest scale at once, then the one the canvas needs. */
  async function load() {
    const mine = ++request;
    const coarsest = volume.scales.length - 1;
    const needed = volume.scaleFor(2, canvas.width * view2d.zoom);
    const steps = plane && plane.frame === view.frame && plane.scale <= needed ? [] : [coarsest, needed].filter((s, i, a) => a.indexOf(s) === i);
    for (const s of steps) {
      if (plane && plane.frame === view.frame && plane.scale <= s) continue;
      status.say(`Loading frame ${frameOf(view.frame)} (${volume.scales[s].key})…`);
      let next;
      try {
        next = await volume.plane(s, 2, view.frame, (done, total) => status.progress(done, total));
      } catch (e) {
        status.progress(1, 1);
        status.say(`Cannot load frame ${frameOf(view.frame)}: ${e.message}`);
        element.dataset.state = 'error';
        return;
      }
      if (mine !== request) return;
      next.frame = view.frame;
      next.scale = s;
      plane = next;
      paint();
    }
    const shown = [plane.factor[0] === 1 ? 'full resolution' : `1/${plane.factor[0]} resolution`,
      `data from ${volume.origin === 'api' ? 'the API' : 'the static site'}`];
    if (frames > 1) shown.unshift(`Frame ${frameOf(view.frame)}`);
    status.say(shown.join(' · ').replace(/^./, (c) => c.toUpperCase()));
    element.dataset.state = 'ready';
  }

  function setFrame(f) {
    view.frame = (f + frames) % frames;
    frameInput.value = view.frame;
    frameOut.textContent = String(view.frame);
    return load();
  }

  function togglePlay() {
    if (frames < 2) return;
    if (playing) {
      clearInterval(playing);
      playing = null;
      play.textContent = 'Play';
      return;
    }
    play.textContent = 'Pause';
    let busy = false;
    playing = setInterval(async () => {
      if (busy) return;
      busy = true;
      await setFrame(view.frame + 1);
      busy = false;
    }, 200);
  }

  frameInput.addEventListener('input', () => setFrame(Number(frameInput.value)));
  play.addEventListener('click', togglePlay);
  bindWindowControls(view, { scaleSelect, cmapSelect, auto, minInput, maxInput }, paint);
  rings.addEventListener('change', () => { view2d.draw(); paint(); });
  maskBox.addEventListener('change', paint);
  png.addEventListener('click', () => view2d.offscreen.toBlob((blob) => download(blob, `${element.dataset.name}-frame-${view.frame}.png`)));
  raw.addEventListener('click', () => {
    const bytes = new Float32Array(plane.values);
    download(new Blob([bytes.buffer], { type: 'application/octet-stream' }),
      `${element.dataset.name}-frame-${view.frame}-${plane.width}x${plane.height}-float32le.raw`);
  });

  mask = element.dataset.mask === '1' ? await volume.mask() : null;
  if (mask && mask.length === width * height && mask.some((m) => m)) {
    maskBox.disabled = false;
  } else {
    mask = null;
    maskBox.checked = false;
  }
  await load();
}
