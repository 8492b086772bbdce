"use client";

import { BrainIcon } from "lucide-react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatTokenCount, type ModelOption } from "@/lib/playground/models";
import { cn } from "@/lib/utils";

/** The model list: each option says its context window and whether it thinks before answering. */
export function ModelPicker({
  models,
  value,
  onChange,
  label = "Model",
  className,
  disabled,
}: {
  models: ModelOption[];
  value: string;
  onChange: (id: string) => void;
  label?: string;
  className?: string;
  disabled?: boolean;
}) {
  const current = models.find((m) => m.id === value);
  return (
    <Select value={value} onValueChange={onChange} disabled={disabled}>
      <SelectTrigger
        aria-label={label}
        className={cn("h-9 w-auto min-w-0 max-w-full gap-2 font-medium", className)}
      >
        <SelectValue>
          <span className="flex min-w-0 items-center gap-1.5">
            {current?.thinking ? (
              <BrainIcon className="size-3.5 shrink-0 text-brand" aria-hidden="true" />
            ) : null}
            <span className="truncate">{current?.name ?? value}</span>
          </span>
        </SelectValue>
      </SelectTrigger>
      <SelectContent className="min-w-72">
        {models.map((m) => (
          <SelectItem key={m.id} value={m.id} className="py-2">
            {`${m.name} · ${formatTokenCount(m.contextWindow)} context${m.thinking ? " · thinks" : ""}${m.successor ? " · deprecated" : ""}`}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
