import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A box that scrolls sideways inside itself (code, wide tables) instead of widening the page.
 * Focusable and named, so that keyboard users can scroll it too.
 */
export function ScrollRegion({
  label,
  className,
  ...props
}: React.ComponentProps<"section"> & { label: string }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={cn(
        "min-w-0 overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
        className,
      )}
      {...props}
    />
  );
}
