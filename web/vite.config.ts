/** Vite's build of the web pages: web/ → web/dist, served by the API's own process. */
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: {
    proxy: {
      '^/(?!src/|@|node_modules/).*': {
        target: 'http://127.0.0.1:8080',
        bypass: (req) => (req.headers.accept?.includes('text/html') ? '/index.html' : undefined),
      },
    },
  },
})
