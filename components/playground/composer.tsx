"use client";

import { ArrowUpIcon, SquareIcon } from "lucide-react";
import { useCoarsePointer } from "@/components/playground/use-coarse-pointer";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";

/**
 * The message box: Enter sends, Shift+Enter adds a line (on a touch screen Return adds a line and
 * the Send button sends); Stop replaces Send while a reply streams.
 */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  running,
  disabled,
  placeholder = "Message Kimi…",
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  running: boolean;
  disabled?: boolean;
  placeholder?: string;
}) {
  const canSend = value.trim().length > 0 && !running && !disabled;
  const touch = useCoarsePointer();
  return (
    <form
      className="relative flex min-w-0 items-end gap-2 rounded-2xl border bg-background p-2 shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) onSend();
      }}
    >
      <label htmlFor="playground-message" className="sr-only">
        Message
      </label>
      <Textarea
        id="playground-message"
        value={value}
        placeholder={placeholder}
        rows={1}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && !touch) {
            e.preventDefault();
            if (canSend) onSend();
          }
        }}
        className="max-h-60 min-h-10 min-w-0 flex-1 resize-none wrap-anywhere border-0 bg-transparent px-2 shadow-none [field-sizing:content] focus-visible:ring-0"
      />
      {running ? (
        <Button
          type="button"
          size="icon"
          variant="secondary"
          onClick={onStop}
          aria-label="Stop"
          className="rounded-xl pointer-coarse:size-11"
        >
          <SquareIcon aria-hidden="true" className="fill-current" />
        </Button>
      ) : (
        <Button
          type="submit"
          size="icon"
          disabled={!canSend}
          aria-label="Send"
          className="rounded-xl pointer-coarse:size-11"
        >
          <ArrowUpIcon aria-hidden="true" />
        </Button>
      )}
    </form>
  );
}
