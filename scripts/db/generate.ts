// npm postinstall: render the per-provider schemas and generate a Prisma client for each.
// The Prisma CLI would try to download a native schema engine first (no network here); a stub
// that exits 1 makes it skip that, and `generate` itself needs no engine.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROVIDERS, writeProviderSchemas } from "./schemas";

const root = process.cwd();
const files = writeProviderSchemas(root);
const stub = path.join(os.tmpdir(), "prisma-schema-engine-stub.sh");
fs.writeFileSync(stub, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
const prisma = path.join(root, "node_modules", ".bin", "prisma");

for (const provider of PROVIDERS) {
  execFileSync(prisma, ["generate", "--schema", files[provider]], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log(`Prisma clients generated for ${PROVIDERS.join(" and ")}.`);
