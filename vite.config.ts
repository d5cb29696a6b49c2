import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The client lives in client/ and is built to dist/client, which the Hono server serves.
// In development `npm run dev` proxies /api to a server started with `npm start` on port 3000.
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // Only API calls go to the server: client/api/*.ts are source files Vite serves itself, and the
    // Origin header is kept so the server's same-origin check sees the page's own origin.
    proxy: { "^/api/(?![\\w-]+\\.tsx?(\\?|$))": { target: "http://localhost:3000", changeOrigin: false } },
  },
});
