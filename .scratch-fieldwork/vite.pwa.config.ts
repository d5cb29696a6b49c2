import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
export default defineConfig({
  root: "client",
  plugins: [react(), VitePWA({
    registerType: "prompt",
    injectRegister: false,
    filename: "sw.js",
    manifest: { name: "Alongside", short_name: "Alongside", start_url: "/fieldwork", display: "standalone", theme_color: "#1a4f8b", background_color: "#ffffff", icons: [{ src: "/favicon.svg", sizes: "any", type: "image/svg+xml" }] },
    workbox: {
      globPatterns: ["**/*.{js,css,html,svg,woff2}"],
      navigateFallback: "/index.html",
      navigateFallbackDenylist: [/^\/api\//],
      clientsClaim: true,
      runtimeCaching: [
        { urlPattern: ({ url }) => url.pathname === "/api/auth/me", handler: "NetworkFirst", method: "GET",
          options: { cacheName: "alongside-session", networkTimeoutSeconds: 4, plugins: [{ fetchDidSucceed: async ({ response }) => { if (response.status === 401) { const c = await caches.open("alongside-session"); await c.delete("/api/auth/me"); } return response; } }] } },
      ],
    },
  })],
  build: { outDir: "../.scratch-fieldwork/out", emptyOutDir: true, sourcemap: true },
});
