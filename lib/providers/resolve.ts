import "server-only";
import { AppError, clipForEcho } from "@/lib/errors";
import { availableRoutes, findModel, type ModelInfo } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";

/** The catalog entry for a public id or alias, if it can be served now; else model_not_found. */
export function resolveRoutableModel(id: string): ModelInfo {
  const model = findModel(id);
  if (!model || availableRoutes(model, enabledProviders()).length === 0) {
    throw new AppError(
      "model_not_found",
      `The model \`${clipForEcho(id)}\` does not exist or is not available. See GET /api/v1/models.`,
      {
        param: "model",
      },
    );
  }
  return model;
}
