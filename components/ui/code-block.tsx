"use client";

import * as React from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { type HighlightedLine, highlightCode } from "@/components/ui/highlight";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { cn } from "@/lib/utils";

/**
 * A copyable code block. Renders plain text at once, then swaps in shiki tokens (light and dark)
 * when the highlighter has loaded, so it never blocks the page.
 */
export function CodeBlock({
  code,
  language = "text",
  title,
  className,
  copyLabel = "Copy code",
}: {
  code: string;
  language?: string;
  /** Shown in the header bar, e.g. a file name or "curl". */
  title?: string;
  className?: string;
  copyLabel?: string;
}) {
  const [lines, setLines] = React.useState<HighlightedLine[] | null>(null);

  React.useEffect(() => {
    let cancelled = false;
    setLines(null);
    highlightCode(code, language).then(
      (result) => {
        if (!cancelled) setLines(result);
      },
      () => {
        // Highlighting is cosmetic: the plain text stays.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [code, language]);

  return (
    <div className={cn("group relative overflow-hidden rounded-lg border bg-muted/40 text-sm", className)}>
      {title ? (
        <div className="flex h-10 items-center justify-between border-b bg-muted/60 pl-4 pr-1.5">
          <span className="font-mono text-xs text-muted-foreground">{title}</span>
          <CopyButton value={code} label={copyLabel} />
        </div>
      ) : (
        <div className="absolute right-1.5 top-1.5 z-10 rounded-md bg-background/80 opacity-100 backdrop-blur transition-opacity sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
          <CopyButton value={code} label={copyLabel} />
        </div>
      )}
      <ScrollRegion label={title ? `Code: ${title}` : "Code"}>
        <pre className="w-max min-w-full p-4 font-mono text-[13px] leading-relaxed wrap-normal">
          <code>
            {lines
              ? lines.map((line, i) => (
                  <React.Fragment key={i}>
                    {line.map((token, j) => (
                      <span key={j} className="shiki-token" style={token.style}>
                        {token.content}
                      </span>
                    ))}
                    {i < lines.length - 1 ? "\n" : null}
                  </React.Fragment>
                ))
              : code}
          </code>
        </pre>
      </ScrollRegion>
    </div>
  );
}
