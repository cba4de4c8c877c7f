// Mounts the data viewers of a dataset page: each element with data-viewer="frames|volume"
// becomes a viewer of its file's precomputed volume (from the API when the site names one and it
// answers, else from the static files baked beside the page).

import { loadColormaps, openVolume } from './viewer/data.js';
import { framesViewer } from './viewer/frames.js';
import { volumeViewer } from './viewer/volume.js';

const elements = [...document.querySelectorAll('[data-viewer]')];
if (elements.length > 0) {
  const colormaps = loadColormaps();
  for (const element of elements) {
    (async () => {
      element.dataset.state = 'loading';
      try {
        const volume = await openVolume(element.dataset.logicalName, element.dataset.precomputed);
        element.dataset.source = volume.origin;
        const mount = element.dataset.viewer === 'volume' ? volumeViewer : framesViewer;
        await mount(element, volume, await colormaps);
      } catch (e) {
        element.dataset.state = 'error';
        const p = document.createElement('p');
        p.className = 'viewer-status';
        p.textContent = `The viewer cannot show this file: ${e.message}`;
        element.replaceChildren(p);
      }
    })();
  }
}
