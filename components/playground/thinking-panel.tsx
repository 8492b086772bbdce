"use client";

import { BrainIcon, ChevronRightIcon } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

/** The model's reasoning_content, streamed; open while it is the part being written, then collapsible. */
export function ThinkingPanel({ text, active }: { text: string; active: boolean }) {
  const [userChoice, setUserChoice] = React.useState<boolean | null>(null);
  const open = userChoice ?? active;
  const id = React.useId();
  return (
    <div className="mb-3 rounded-lg border bg-muted/30">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setUserChoice(!open)}
        className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm font-medium text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronRightIcon
          className={cn("size-4 transition-transform", open && "rotate-90")}
          aria-hidden="true"
        />
        <BrainIcon className="size-4" aria-hidden="true" />
        Thinking
        {active ? <span className="ml-1 animate-pulse text-xs font-normal">reasoning…</span> : null}
      </button>
      <div
        id={id}
        hidden={!open}
        className="max-h-80 overflow-y-auto whitespace-pre-wrap border-t px-3 py-2 text-sm leading-relaxed text-muted-foreground"
      >
        {text}
      </div>
    </div>
  );
}
