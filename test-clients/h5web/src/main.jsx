// h5web's own viewer against a Vitrine server: the page is opened as
// index.html?api=<h5grove base URL>&file=<file>&path=<path to show first>.
import '@h5web/app/styles.css';
import { App, H5GroveProvider } from '@h5web/app';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from 'react-error-boundary';

const query = new URLSearchParams(window.location.search);

// What h5web does not catch itself would unmount the whole app: shown here for the test to see.
function Crash({ error }) {
  return <pre id="crash">{String((error && error.stack) || error)}</pre>;
}

createRoot(document.getElementById('root')).render(
  <ErrorBoundary FallbackComponent={Crash}>
    <H5GroveProvider url={query.get('api')} filepath={query.get('file')}>
      <App initialPath={query.get('path') || '/'} disableDarkMode />
    </H5GroveProvider>
  </ErrorBoundary>,
);
