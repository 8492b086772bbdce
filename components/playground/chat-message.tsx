"use client";

import {
  AlertTriangleIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  PencilIcon,
  RefreshCwIcon,
  Trash2Icon,
} from "lucide-react";
import * as React from "react";
import { Markdown } from "@/components/playground/markdown";
import { ReplyStatsLine } from "@/components/playground/reply-stats";
import { ThinkingPanel } from "@/components/playground/thinking-panel";
import type { ThreadMessage } from "@/components/playground/use-chat-thread";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

/** On touch screens reply and message buttons are at least 44 px square. */
const TOUCH = "pointer-coarse:size-11";

export interface MessageActions {
  onDelete?: (id: string) => void;
  onRegenerate?: (id: string) => void;
  onEditResend?: (id: string, text: string) => void;
  onSwitchBranch?: (id: string, to: number) => void;
}

/** `‹ 2/3 ›` under a message that has other versions (from Regenerate or Edit). */
function BranchSwitcher({
  message,
  busy,
  actions,
}: {
  message: ThreadMessage;
  busy: boolean;
  actions: MessageActions;
}) {
  const branches = message.branches;
  if (!branches || !actions.onSwitchBranch) return null;
  const total = branches.others.length + 1;
  const at = branches.active;
  return (
    <nav aria-label="Versions" className="flex items-center text-xs text-muted-foreground">
      <Button
        variant="ghost"
        size="icon-sm"
        className={TOUCH}
        aria-label="Previous version"
        disabled={busy || at === 0}
        onClick={() => actions.onSwitchBranch?.(message.id, at - 1)}
      >
        <ChevronLeftIcon aria-hidden="true" />
      </Button>
      <span data-testid="version" className="tabular-nums">
        {at + 1}/{total}
      </span>
      <Button
        variant="ghost"
        size="icon-sm"
        className={TOUCH}
        aria-label="Next version"
        disabled={busy || at === total - 1}
        onClick={() => actions.onSwitchBranch?.(message.id, at + 1)}
      >
        <ChevronRightIcon aria-hidden="true" />
      </Button>
    </nav>
  );
}

function UserMessage({
  message,
  busy,
  actions,
}: {
  message: ThreadMessage;
  busy: boolean;
  actions: MessageActions;
}) {
  const [editing, setEditing] = React.useState(false);
  const [draft, setDraft] = React.useState(message.content);
  const id = React.useId();

  function submit() {
    if (!draft.trim()) return;
    setEditing(false);
    actions.onEditResend?.(message.id, draft);
  }

  if (editing) {
    return (
      <div className="ml-auto grid w-full min-w-0 max-w-[85%] gap-2">
        <label htmlFor={id} className="sr-only">
          Edit message
        </label>
        <Textarea
          id={id}
          value={draft}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === "Escape") {
              setEditing(false);
            }
          }}
          className="min-h-24 wrap-anywhere"
        />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          <Button size="sm" onClick={submit} disabled={!draft.trim() || busy}>
            Save and send
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="group ml-auto flex min-w-0 max-w-[85%] flex-col items-end gap-1">
      <div className="max-w-full whitespace-pre-wrap wrap-anywhere rounded-2xl rounded-br-md bg-secondary px-4 py-2.5 text-secondary-foreground">
        {message.content}
      </div>
      <div className="flex items-center gap-0.5 opacity-70 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
        <BranchSwitcher message={message} busy={busy} actions={actions} />
        <CopyButton value={message.content} label="Copy message" toastMessage={null} className={TOUCH} />
        {actions.onEditResend ? (
          <Button
            variant="ghost"
            size="icon-sm"
            className={TOUCH}
            aria-label="Edit message"
            disabled={busy}
            onClick={() => {
              setDraft(message.content);
              setEditing(true);
            }}
          >
            <PencilIcon aria-hidden="true" />
          </Button>
        ) : null}
        {actions.onDelete ? (
          <Button
            variant="ghost"
            size="icon-sm"
            className={TOUCH}
            aria-label="Delete message"
            disabled={busy}
            onClick={() => actions.onDelete?.(message.id)}
          >
            <Trash2Icon aria-hidden="true" />
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function AssistantMessage({
  message,
  busy,
  canRegenerate,
  actions,
}: {
  message: ThreadMessage;
  busy: boolean;
  canRegenerate: boolean;
  actions: MessageActions;
}) {
  const [choice, setChoice] = React.useState(0);
  const alternatives = message.liveAlternatives ?? message.stats?.alternatives ?? [];
  const choices = [message.content, ...alternatives];
  const text = choices[choice] ?? message.content;
  const streaming = Boolean(message.streaming);
  const stats = message.stats;
  const interrupted = message.status === "interrupted" && !streaming;
  const failed =
    !interrupted &&
    stats &&
    stats.outcome !== "done" &&
    stats.outcome !== "stopped" &&
    stats.outcome !== "interrupted";
  const thinkingActive = streaming && !message.content;

  return (
    <article
      aria-label="Assistant reply"
      aria-busy={streaming}
      data-streaming={streaming ? "true" : undefined}
      className="group flex min-w-0 flex-col gap-1"
    >
      {message.reasoning ? <ThinkingPanel text={message.reasoning ?? ""} active={thinkingActive} /> : null}
      {choices.length > 1 ? (
        <fieldset className="mb-1 flex flex-wrap gap-1">
          <legend className="sr-only">Choices</legend>
          {choices.map((_, i) => (
            <Button
              key={i}
              size="sm"
              variant={i === choice ? "secondary" : "ghost"}
              aria-pressed={i === choice}
              onClick={() => setChoice(i)}
            >
              Choice {i + 1}
            </Button>
          ))}
        </fieldset>
      ) : null}
      <div data-testid="assistant-text" className="min-h-6">
        {text ? (
          <Markdown text={text} streaming={streaming} />
        ) : streaming ? (
          <span className="inline-flex items-center gap-1 text-muted-foreground">
            <span className="sr-only">Waiting for the first token</span>
            <span className="size-1.5 animate-pulse rounded-full bg-current" />
            <span className="size-1.5 animate-pulse rounded-full bg-current [animation-delay:150ms]" />
            <span className="size-1.5 animate-pulse rounded-full bg-current [animation-delay:300ms]" />
          </span>
        ) : null}
      </div>
      {failed ? (
        <p
          role="alert"
          className="flex items-center gap-2 rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          <AlertTriangleIcon className="size-4 shrink-0" aria-hidden="true" />
          {stats.errorMessage ?? "The reply failed."}{" "}
          {text || message.reasoning
            ? stats.credits > 0
              ? `The text above is what arrived before it. It was charged (${stats.credits} credit${stats.credits === 1 ? "" : "s"}) because the model had already produced it; a reply that fails before any output is free.`
              : "The text above is what arrived before it."
            : null}
        </p>
      ) : null}
      {interrupted ? (
        <div
          data-testid="interrupted"
          className="flex flex-wrap items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground"
        >
          <AlertTriangleIcon className="size-4 shrink-0" aria-hidden="true" />
          <span>
            <strong className="font-medium text-foreground">Interrupted</strong> — the page was left while
            this reply was streaming{text ? "; the text above is what arrived" : ""}.
          </span>
          {actions.onRegenerate ? (
            <Button
              size="sm"
              variant="outline"
              className="ml-auto"
              disabled={busy}
              onClick={() => actions.onRegenerate?.(message.id)}
            >
              <RefreshCwIcon aria-hidden="true" />
              Retry
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className={cn("flex flex-wrap items-center gap-x-2 gap-y-1")}>
        {!streaming ? <BranchSwitcher message={message} busy={busy} actions={actions} /> : null}
        {message.model ? (
          <span className="font-mono text-xs text-muted-foreground" title="The model that wrote this reply">
            <span className="sr-only">Model: </span>
            {message.model}
          </span>
        ) : null}
        <ReplyStatsLine stats={stats} streaming={streaming} />
        {!streaming ? (
          <div className="flex gap-0.5 opacity-70 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
            <CopyButton value={text} label="Copy reply" toastMessage={null} className={TOUCH} />
            {canRegenerate && actions.onRegenerate ? (
              <Button
                variant="ghost"
                size="icon-sm"
                className={TOUCH}
                aria-label="Regenerate"
                disabled={busy}
                onClick={() => actions.onRegenerate?.(message.id)}
              >
                <RefreshCwIcon aria-hidden="true" />
              </Button>
            ) : null}
            {actions.onDelete ? (
              <Button
                variant="ghost"
                size="icon-sm"
                className={TOUCH}
                aria-label="Delete reply"
                disabled={busy}
                onClick={() => actions.onDelete?.(message.id)}
              >
                <Trash2Icon aria-hidden="true" />
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}

export const ChatMessage = React.memo(function ChatMessage({
  message,
  busy,
  canRegenerate,
  actions,
}: {
  message: ThreadMessage;
  busy: boolean;
  canRegenerate: boolean;
  actions: MessageActions;
}) {
  return message.role === "user" ? (
    <UserMessage message={message} busy={busy} actions={actions} />
  ) : (
    <AssistantMessage message={message} busy={busy} canRegenerate={canRegenerate} actions={actions} />
  );
});
