"use client";

import { ArrowDownIcon } from "lucide-react";
import * as React from "react";
import { ChatMessage, type MessageActions } from "@/components/playground/chat-message";
import type { ThreadMessage } from "@/components/playground/use-chat-thread";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * The scrolling thread. It follows the stream while the reader is at the bottom and stays put
 * once they scroll up to read; the browser's scroll anchoring keeps text from shifting under them.
 * Scrolled up, a "Jump to latest" button brings them back to the end.
 */
export function MessageList({
  messages,
  busy,
  actions,
  empty,
  className,
  label = "Conversation",
}: {
  messages: ThreadMessage[];
  busy: boolean;
  actions: MessageActions;
  empty?: React.ReactNode;
  className?: string;
  label?: string;
}) {
  const ref = React.useRef<HTMLDivElement>(null);
  const pinned = React.useRef(true);
  const [awayFromEnd, setAwayFromEnd] = React.useState(false);
  const lastAssistant = messages.findLast((m) => m.role === "assistant");

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    setAwayFromEnd(!pinned.current);
  };

  const jumpToLatest = () => {
    const el = ref.current;
    if (!el) return;
    pinned.current = true;
    setAwayFromEnd(false);
    el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows every change of the thread
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  return (
    <section
      ref={ref}
      onScroll={onScroll}
      aria-label={label}
      className={cn("min-h-0 flex-1 overflow-y-auto [overflow-anchor:auto]", className)}
    >
      {messages.length === 0 ? (
        empty
      ) : (
        <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6">
          {messages.map((m) => (
            <ChatMessage
              key={m.id}
              message={m}
              busy={busy}
              canRegenerate={m.id === lastAssistant?.id}
              actions={actions}
            />
          ))}
        </div>
      )}
      {awayFromEnd && messages.length > 0 ? (
        <div className="pointer-events-none sticky bottom-3 flex justify-center">
          <Button
            variant="outline"
            size="sm"
            onClick={jumpToLatest}
            className="pointer-events-auto rounded-full bg-background shadow-md"
          >
            <ArrowDownIcon aria-hidden="true" /> Jump to latest
          </Button>
        </div>
      ) : null}
    </section>
  );
}
