import { ArchiveIcon, BrainIcon, ImageIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import type { ModelInfo } from "@/lib/providers/catalog";

export function formatTokens(tokens: number): string {
  return tokens >= 1024 && tokens % 1024 === 0 ? `${tokens / 1024}K` : formatNumber(tokens);
}

/** The catalog as a table: id, context, output, what it is for; `detailed` adds aliases and cost. */
export function ModelsTable({ models, detailed = false }: { models: ModelInfo[]; detailed?: boolean }) {
  return (
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
              <code className="font-mono text-xs text-muted-foreground">{m.id}</code>
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
              <div className="mt-1.5 flex flex-wrap gap-1">
                {m.thinking ? (
                  <Badge variant="brand">
                    <BrainIcon aria-hidden="true" /> Thinking
                  </Badge>
                ) : null}
                {m.vision ? (
                  <Badge variant="secondary">
                    <ImageIcon aria-hidden="true" /> Images
                  </Badge>
                ) : null}
                {m.deprecation ? (
                  <Badge variant="outline">
                    <ArchiveIcon aria-hidden="true" /> Deprecated
                  </Badge>
                ) : null}
              </div>
              {m.deprecation ? (
                <div className="mt-1 text-xs text-muted-foreground">
                  {`Deprecated${m.deprecation.date ? ` since ${m.deprecation.date}` : ""}: use ${m.deprecation.successor}${m.servedBy ? ", which serves it meanwhile" : ""}.`}
                </div>
              ) : null}
            </TableCell>
            <TableCell className="text-right align-top tabular-nums">
              {formatTokens(m.contextWindow)}
            </TableCell>
            <TableCell className="text-right align-top tabular-nums">{formatTokens(m.maxOutput)}</TableCell>
            {detailed ? (
              <TableCell className="text-right align-top tabular-nums">{m.creditCost}</TableCell>
            ) : null}
            <TableCell className="min-w-64 pr-5 align-top text-muted-foreground">{m.description}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
