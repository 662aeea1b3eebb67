import { defineConfig } from "vitest/config";

// Generous timeouts: the simulations share two loaded cores with everything else.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 } });
