import "server-only";
import { AppError, clipForEcho } from "@/lib/errors";
import { availableRoutes, findModel, findRetired, type ModelInfo } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";

/**
 * The catalog entry for a public id or alias, if it can be served now; else model_not_found.
 * A retired id is a 404 naming its successor; a deprecated one is served (see deprecationHeaders).
 */
export function resolveRoutableModel(id: string): ModelInfo {
  const retired = findRetired(id);
  if (retired) {
    throw new AppError(
      "model_not_found",
      `The model \`${clipForEcho(id)}\` has been retired${retired.date ? ` (${retired.date})` : ""}; use \`${retired.successor}\` instead. See GET /api/v1/models.`,
      { param: "model", status: 404 },
    );
  }
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

/**
 * What every surface answers a deprecated model with: `Deprecation` (RFC 9745: when it was
 * deprecated, or `true` without a date), a `Link` to the docs' model table, and the successor.
 */
export function deprecationHeaders(model: ModelInfo): Record<string, string> {
  if (!model.deprecation) return {};
  const { successor, date } = model.deprecation;
  return {
    Deprecation: date ? `@${Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000)}` : "true",
    Link: '</docs#models>; rel="deprecation"; type="text/html"',
    "X-Model-Successor": successor,
  };
}
