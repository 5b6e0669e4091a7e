import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { lookout: new URL('./src/toolkit/index.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
