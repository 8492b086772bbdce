"use client";

import * as React from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Slider } from "@/components/ui/slider";

/**
 * A parameter as a slider plus a number box, both named by the parameter ("Temperature"). The box
 * accepts anything while typing and commits a clamped value on blur or Enter.
 */
export function ParamSlider({
  label,
  value,
  min,
  max,
  step,
  onChange,
  hint,
  format,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  hint?: string;
  /** Shown beside the label, e.g. "off" for 0. */
  format?: (value: number) => string | null;
}) {
  const id = React.useId();
  const [text, setText] = React.useState(String(value));
  React.useEffect(() => setText(String(value)), [value]);
  const decimals = step < 1 ? (String(step).split(".")[1]?.length ?? 2) : 0;

  function commit() {
    const parsed = Number(text);
    if (text.trim() === "" || !Number.isFinite(parsed)) {
      setText(String(value));
      return;
    }
    const clamped = Math.min(max, Math.max(min, parsed));
    const rounded = Number(clamped.toFixed(decimals));
    setText(String(rounded));
    if (rounded !== value) onChange(rounded);
  }

  const note = format?.(value);
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id} className="flex items-baseline gap-1.5">
          {label}
          {note ? <span className="text-xs font-normal text-muted-foreground">{note}</span> : null}
        </Label>
        <Input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={text}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
          className="h-7 w-24 px-2 text-right tabular-nums"
        />
      </div>
      <Slider
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={[Math.min(max, Math.max(min, value))]}
        onValueChange={([v]) => {
          if (v !== undefined) onChange(Number(v.toFixed(decimals)));
        }}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
