import type * as React from "react";
import { cn } from "@/lib/utils";

export const fieldClasses = cn(
  "w-full min-w-0 rounded-md border border-input bg-background px-3 text-sm shadow-xs transition-colors",
  "placeholder:text-muted-foreground/80",
  "focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30",
  "disabled:cursor-not-allowed disabled:opacity-50",
  "aria-invalid:border-destructive aria-invalid:ring-destructive/20",
);

export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return (
    <input
      type={type}
      className={cn(fieldClasses, "h-9 py-1 file:border-0 file:bg-transparent file:font-medium", className)}
      {...props}
    />
  );
}
