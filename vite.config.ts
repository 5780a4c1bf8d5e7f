import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { interviewerServiceWorker } from './web/pwa/vite-plugin.ts';

/** The API server during development; the dev server forwards API and health requests to it. */
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  // The service worker of the offline interviewer app (/interview), built after the app itself.
  plugins: [react(), interviewerServiceWorker()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep every asset a file: the server's CSP allows no data: scripts or inline code.
    assetsInlineLimit: 0,
    // The questionnaire renderer (survey-core + survey-react-ui, ~1.6 MB) is its own chunk that
    // only survey pages load; the warning about it says nothing new.
    chunkSizeWarningLimit: 1800,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
    },
  },
});
