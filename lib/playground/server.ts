import "server-only";
import { type ModelOption, toModelOption } from "@/lib/playground/models";
import { publicModels } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";

/** The models the playground offers: those routable with the upstreams configured now. */
export function playgroundModels(): ModelOption[] {
  return publicModels(enabledProviders()).map(toModelOption);
}
