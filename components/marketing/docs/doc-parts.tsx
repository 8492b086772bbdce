import { LinkIcon } from "lucide-react";
import type * as React from "react";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export function DocSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="grid scroll-mt-20 gap-4 border-t pt-10 first:border-t-0 first:pt-0"
    >
      <div className="group flex items-center gap-2">
        <h2 id={`${id}-title`} className="text-2xl font-semibold tracking-tight">
          {title}
        </h2>
        <a
          href={`#${id}`}
          aria-label={`Link to ${title}`}
          className="text-muted-foreground opacity-0 transition-opacity group-hover:opacity-100 focus-visible:opacity-100"
        >
          <LinkIcon className="size-4" aria-hidden="true" />
        </a>
      </div>
      {children}
    </section>
  );
}

export function SubHeading({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <h3 id={id} className="mt-3 scroll-mt-20 text-lg font-semibold tracking-tight">
      {children}
    </h3>
  );
}

export function Prose({ className, ...props }: React.ComponentProps<"p">) {
  return (
    <p
      className={cn(
        // Long inline code (JSON, URLs) may break anywhere in running text, so it never widens the page.
        "leading-relaxed text-muted-foreground [&_strong]:text-foreground [&_code]:wrap-anywhere",
        className,
      )}
      {...props}
    />
  );
}

export function C({ children }: { children: React.ReactNode }) {
  return (
    <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-[0.85em] text-foreground break-words">
      {children}
    </code>
  );
}

export function DataTable({
  label,
  head,
  rows,
  numeric = [],
}: {
  label: string;
  head: string[];
  rows: React.ReactNode[][];
  /** Column indexes to right-align. */
  numeric?: number[];
}) {
  return (
    <Card className="overflow-hidden">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {head.map((h, i) => (
              <TableHead key={h} className={cn(i === 0 && "pl-4", numeric.includes(i) && "text-right")}>
                {h}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, r) => (
            <TableRow key={r}>
              {row.map((cell, i) => (
                <TableCell
                  key={i}
                  className={cn(
                    "align-top",
                    i === 0 && "pl-4",
                    numeric.includes(i) && "text-right tabular-nums",
                    i === row.length - 1 && "text-muted-foreground",
                  )}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

export function Callout({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-brand/30 bg-brand/5 p-4 text-sm">
      <p className="mb-1 font-medium">{title}</p>
      <div className="leading-relaxed text-muted-foreground [&_code]:wrap-anywhere">{children}</div>
    </div>
  );
}
