import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the client build (served by the server from client/dist)
// and for vitest. The dev server proxies the hub so `npm run dev:client`
// works beside `npm run serve`.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    // Generous: a browser round on a busy 2-core CI machine can take 30 s;
    // speed is judged by `npm run bench`, never by a test timing out.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Integration and e2e suites start real servers and browsers: keep
    // the 2-core machine from being oversubscribed.
    maxWorkers: 2,
  },
});
