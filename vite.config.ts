import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets the worker and the page share memory later
// (SharedArrayBuffer); both servers send the same headers.
const headers = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers, port: 5173, strictPort: true, host: '127.0.0.1' },
  preview: { headers, port: 4173, strictPort: true, host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 4000, target: 'es2022' },
});
