import { ArchiveIcon, BrainIcon, ImageIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import type { ModelInfo } from "@/lib/providers/catalog";

export function formatTokens(tokens: number): string {
  return tokens >= 1024 && tokens % 1024 === 0 ? `${tokens / 1024}K` : formatNumber(tokens);
}

function Capabilities({ model }: { model: ModelInfo }) {
  return (
    <div className="mt-1.5 flex flex-wrap gap-1">
      {model.thinking ? (
        <Badge variant="brand">
          <BrainIcon aria-hidden="true" /> Thinking
        </Badge>
      ) : null}
      {model.vision ? (
        <Badge variant="secondary">
          <ImageIcon aria-hidden="true" /> Images
        </Badge>
      ) : null}
      {model.deprecation ? (
        <Badge variant="outline">
          <ArchiveIcon aria-hidden="true" /> Deprecated
        </Badge>
      ) : null}
      {model.deprecation ? (
        <p className="basis-full text-xs text-muted-foreground">
          {`Deprecated${model.deprecation.date ? ` since ${model.deprecation.date}` : ""}: use ${model.deprecation.successor}${model.servedBy ? ", which serves it meanwhile" : ""}.`}
        </p>
      ) : null}
    </div>
  );
}

/** On a phone, one entry per model, so that nothing scrolls sideways and ids stay whole. */
function ModelsList({ models, detailed }: { models: ModelInfo[]; detailed: boolean }) {
  return (
    <ul aria-label="Models" className="divide-y sm:hidden">
      {models.map((m) => (
        <li key={m.id} className="grid gap-2 px-4 py-4">
          <div>
            <div className="font-medium">{m.name}</div>
            <code className="font-mono text-xs break-keep whitespace-nowrap text-muted-foreground">
              {m.id}
            </code>
            <Capabilities model={m} />
          </div>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <div className="flex gap-1">
              <dt className="text-muted-foreground">Context</dt>
              <dd className="tabular-nums">{formatTokens(m.contextWindow)}</dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-muted-foreground">Max output</dt>
              <dd className="tabular-nums">{formatTokens(m.maxOutput)}</dd>
            </div>
            {detailed ? (
              <div className="flex gap-1">
                <dt className="text-muted-foreground">Credits / request</dt>
                <dd className="tabular-nums">{m.creditCost}</dd>
              </div>
            ) : null}
          </dl>
          {detailed && m.aliases.length > 0 ? (
            <p className="text-xs text-muted-foreground">
              Aliases: <span className="font-mono wrap-anywhere">{m.aliases.join(", ")}</span>
            </p>
          ) : null}
          <p className="text-sm text-muted-foreground">{m.description}</p>
        </li>
      ))}
    </ul>
  );
}

/** The catalog as a table: id, context, output, what it is for; `detailed` adds aliases and cost. */
export function ModelsTable({ models, detailed = false }: { models: ModelInfo[]; detailed?: boolean }) {
  return (
    <>
      <ModelsList models={models} detailed={detailed} />
      <div className="hidden sm:block">
        <Table aria-label="Models">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-5">Model</TableHead>
              <TableHead className="text-right">Context</TableHead>
              <TableHead className="text-right">Max output</TableHead>
              {detailed ? <TableHead className="text-right">Credits / request</TableHead> : null}
              <TableHead className="pr-5">What it is for</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {models.map((m) => (
              <TableRow key={m.id}>
                <TableCell className="pl-5 align-top">
                  <div className="font-medium">{m.name}</div>
                  <code className="font-mono text-xs whitespace-nowrap text-muted-foreground">{m.id}</code>
                  {detailed && m.aliases.length > 0 ? (
                    <div className="mt-1 text-xs text-muted-foreground">
                      Aliases:{" "}
                      {m.aliases.map((a, i) => (
                        <span key={a}>
                          {i > 0 ? ", " : null}
                          <code className="font-mono">{a}</code>
                        </span>
                      ))}
                    </div>
                  ) : null}
                  <Capabilities model={m} />
                </TableCell>
                <TableCell className="text-right align-top tabular-nums">
                  {formatTokens(m.contextWindow)}
                </TableCell>
                <TableCell className="text-right align-top tabular-nums">
                  {formatTokens(m.maxOutput)}
                </TableCell>
                {detailed ? (
                  <TableCell className="text-right align-top tabular-nums">{m.creditCost}</TableCell>
                ) : null}
                <TableCell className="min-w-64 pr-5 align-top text-muted-foreground">
                  {m.description}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
