// The managers' admin app, a separate build served by the server at `/admin/`.
// `vite` (dev) proxies the API to a server on :3000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5174, proxy: { '/trpc': { target: 'http://127.0.0.1:3000', ws: true } } },
});
