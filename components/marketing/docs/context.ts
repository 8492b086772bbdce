import "server-only";
import { anthropicBaseUrl, openAIBaseUrl, sdkExamples } from "@/components/marketing/code-examples";
import { env } from "@/lib/env";
import { publicModels } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";

/** What the docs sections render from: this deployment's URLs, models and limits. */
export interface DocsContext {
  origin: string;
  oaBase: string;
  anBase: string;
  examples: ReturnType<typeof sdkExamples>;
  models: ReturnType<typeof publicModels>;
  simulated: boolean;
  env: ReturnType<typeof env>;
}

export function docsContext(origin: string): DocsContext {
  const providers = enabledProviders();
  return {
    origin,
    oaBase: openAIBaseUrl(origin),
    anBase: anthropicBaseUrl(origin),
    examples: sdkExamples(origin),
    models: publicModels(providers),
    simulated: providers.has("simulator"),
    env: env(),
  };
}
