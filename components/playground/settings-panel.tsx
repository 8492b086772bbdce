"use client";

import { RotateCcwIcon, XIcon } from "lucide-react";
import * as React from "react";
import { ParamSlider } from "@/components/playground/param-slider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { formatTokenCount, type ModelOption } from "@/lib/playground/models";
import {
  defaultSettings,
  MAX_STOP_SEQUENCES,
  type PlaygroundSettings,
  stopSequenceSchema,
  TOP_K_MAX,
} from "@/lib/playground/settings";

function StopSequences({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const [draft, setDraft] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const id = React.useId();

  function add() {
    if (!draft) return;
    const parsed = stopSequenceSchema.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Invalid stop sequence.");
    if (value.includes(draft)) return setError("That stop sequence is already in the list.");
    if (value.length >= MAX_STOP_SEQUENCES) return setError(`At most ${MAX_STOP_SEQUENCES} stop sequences.`);
    onChange([...value, draft]);
    setDraft("");
    setError(null);
  }

  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Stop sequences</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          value={draft}
          placeholder="Type and press Enter"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button variant="outline" size="sm" className="h-9" onClick={add} disabled={!draft}>
          Add
        </Button>
      </div>
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Stop sequences in use">
          {value.map((s) => (
            <li key={s}>
              <Badge variant="secondary" className="gap-1 pr-0.5 font-mono">
                {JSON.stringify(s)}
                <button
                  type="button"
                  aria-label={`Remove stop sequence ${s}`}
                  className="rounded p-0.5 hover:bg-background focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  onClick={() => onChange(value.filter((x) => x !== s))}
                >
                  <XIcon aria-hidden="true" />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <p
        id={`${id}-hint`}
        className={error ? "text-xs font-medium text-destructive" : "text-xs text-muted-foreground"}
      >
        {error ?? `Up to ${MAX_STOP_SEQUENCES}, each at most 32 bytes. Generation stops before them.`}
      </p>
    </div>
  );
}

function SeedInput({
  value,
  onChange,
  supported,
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  supported: boolean;
}) {
  const id = React.useId();
  const [text, setText] = React.useState(value === null ? "" : String(value));
  React.useEffect(() => setText(value === null ? "" : String(value)), [value]);
  const invalid = text !== "" && !/^\d{1,10}$/.test(text);
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Seed</Label>
      <Input
        id={id}
        inputMode="numeric"
        placeholder="Random"
        value={text}
        disabled={!supported}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const next = e.target.value.trim();
          setText(next);
          if (next === "") onChange(null);
          else if (/^\d{1,10}$/.test(next) && Number(next) <= 2 ** 31 - 1) onChange(Number(next));
        }}
      />
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {supported
          ? invalid
            ? "A whole number from 0 to 2147483647."
            : "The same seed and settings give repeatable replies."
          : "This model does not take a seed (kimi-k2.6 does)."}
      </p>
    </div>
  );
}

/** Every request setting, ranges and defaults from the current model's catalog rules. */
export function SettingsPanel({
  settings,
  model,
  onChange,
}: {
  settings: PlaygroundSettings;
  model: ModelOption;
  onChange: (next: PlaygroundSettings) => void;
}) {
  const set = <K extends keyof PlaygroundSettings>(key: K, value: PlaygroundSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const systemId = React.useId();
  const jsonId = React.useId();
  const thinkingId = React.useId();
  const { rules } = model;
  const thinks = model.thinkingToggle ? (settings.thinking ?? model.thinking) : model.thinking;
  // A value the model fixes is shown, not offered: the gateway would not forward another.
  const fixed = (label: string, value: number) => (
    <p className="text-xs text-muted-foreground">
      <span className="font-medium text-foreground">{label}</span> is fixed at {value} by this model.
    </p>
  );

  return (
    <div className="grid gap-6">
      <div className="grid gap-1 rounded-lg bg-muted/50 p-3 text-xs text-muted-foreground">
        <p className="font-medium text-foreground">{model.name}</p>
        <p>{model.description}</p>
        <p className="tabular-nums">
          {formatTokenCount(model.contextWindow)} context · up to {formatTokenCount(model.maxOutput)} output ·{" "}
          {model.creditCost} credit{model.creditCost === 1 ? "" : "s"} per reply
          {thinks ? " · thinks before answering" : ""}
        </p>
        {model.successor ? (
          <p className="text-amber-700 dark:text-amber-400">
            Deprecated: served by {model.successor}; move to it.
          </p>
        ) : null}
      </div>

      {model.thinkingToggle ? (
        <div className="flex items-start justify-between gap-3">
          <div className="grid gap-1">
            <Label htmlFor={thinkingId}>Thinking</Label>
            <p className="text-xs text-muted-foreground">
              Reasons step by step before answering (sent as <code>thinking</code>).
            </p>
          </div>
          <Switch id={thinkingId} checked={thinks} onCheckedChange={(v) => set("thinking", v)} />
        </div>
      ) : null}

      <div className="grid gap-2">
        <Label htmlFor={systemId}>System prompt</Label>
        <Textarea
          id={systemId}
          value={settings.systemPrompt}
          placeholder="You are a helpful assistant."
          onChange={(e) => set("systemPrompt", e.target.value)}
          className="min-h-24 text-sm"
        />
      </div>

      {rules.temperature.min === rules.temperature.max ? (
        fixed("Temperature", rules.temperature.min)
      ) : (
        <ParamSlider
          label="Temperature"
          value={settings.temperature}
          min={rules.temperature.min}
          max={rules.temperature.max}
          step={0.01}
          onChange={(v) => set("temperature", v)}
          hint={`Default ${rules.temperature.default}. Higher is more varied.`}
        />
      )}
      {rules.topP.min === rules.topP.max ? (
        fixed("Top P", rules.topP.min)
      ) : (
        <ParamSlider
          label="Top P"
          value={settings.topP}
          min={rules.topP.min}
          max={rules.topP.max}
          step={0.01}
          onChange={(v) => set("topP", v)}
        />
      )}
      <ParamSlider
        label="Max tokens"
        value={settings.maxTokens}
        min={1}
        max={model.maxOutput}
        step={1}
        onChange={(v) => set("maxTokens", v)}
        hint={`Up to ${model.maxOutput.toLocaleString("en-US")} for this model${thinks ? ", reasoning included" : ""}.`}
      />
      {rules.penalties ? (
        <>
          <ParamSlider
            label="Presence penalty"
            value={settings.presencePenalty}
            min={-2}
            max={2}
            step={0.01}
            onChange={(v) => set("presencePenalty", v)}
          />
          <ParamSlider
            label="Frequency penalty"
            value={settings.frequencyPenalty}
            min={-2}
            max={2}
            step={0.01}
            onChange={(v) => set("frequencyPenalty", v)}
          />
        </>
      ) : (
        fixed("Presence and frequency penalties", 0)
      )}
      {rules.topK ? (
        <ParamSlider
          label="Top K"
          value={settings.topK}
          min={0}
          max={TOP_K_MAX}
          step={1}
          onChange={(v) => set("topK", v)}
          format={(v) => (v === 0 ? "off" : null)}
          hint="0 leaves it to the model."
        />
      ) : null}
      {rules.maxN > 1 ? (
        <ParamSlider
          label="n"
          value={settings.n}
          min={1}
          max={rules.maxN}
          step={1}
          onChange={(v) => set("n", v)}
          hint="Number of replies to generate at once."
        />
      ) : null}

      <StopSequences value={settings.stop} onChange={(v) => set("stop", v)} />

      {rules.jsonMode ? (
        <div className="flex items-start justify-between gap-3">
          <div className="grid gap-1">
            <Label htmlFor={jsonId}>JSON mode</Label>
            <p className="text-xs text-muted-foreground">
              Replies are a single JSON object. Ask for JSON in the prompt too.
            </p>
          </div>
          <Switch id={jsonId} checked={settings.jsonMode} onCheckedChange={(v) => set("jsonMode", v)} />
        </div>
      ) : null}

      <SeedInput value={settings.seed} onChange={(v) => set("seed", v)} supported={rules.seed} />

      <Button
        variant="outline"
        size="sm"
        onClick={() => onChange({ ...defaultSettings(model), systemPrompt: settings.systemPrompt })}
      >
        <RotateCcwIcon aria-hidden="true" /> Reset parameters to defaults
      </Button>
    </div>
  );
}
