// The web app, served by the server at `/`. `vite` (dev) proxies the API to a server on :3000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/trpc': { target: 'http://127.0.0.1:3000', ws: true } } },
});
