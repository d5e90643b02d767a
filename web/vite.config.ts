import { defineConfig } from "vite";

// The dashboard is served by the Tickwise executable from its wwwroot; `dotnet build` runs this build
// (see the BuildDashboard target in src/Tickwise/Tickwise.csproj), so the output goes straight there.
export default defineConfig({
  base: "/",
  build: {
    outDir: "../src/Tickwise/wwwroot",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev` against a running `tickwise run` on the default port.
    proxy: {
      "/api": "http://127.0.0.1:5080",
      "/openapi": "http://127.0.0.1:5080",
      "/ws": { target: "ws://127.0.0.1:5080", ws: true },
    },
  },
});
