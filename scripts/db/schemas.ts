import fs from "node:fs";
import path from "node:path";

// The one source schema (prisma/schema.prisma) rendered per provider: only the datasource
// provider and the generated client's output differ.

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

export function renderSchema(source: string, provider: Provider): string {
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`)
    .replace(/output\s*=\s*"[^"]*"/, `output   = "../../lib/generated/${provider}"`);
  return `// GENERATED from prisma/schema.prisma by scripts/db/generate.ts — do not edit.\n${out}`;
}

export function writeProviderSchemas(root: string): Record<Provider, string> {
  const source = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  const files = {} as Record<Provider, string>;
  for (const provider of PROVIDERS) {
    const file = path.join(root, "prisma", provider, "schema.prisma");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderSchema(source, provider));
    files[provider] = file;
  }
  return files;
}
