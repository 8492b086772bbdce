"use client";

import { useQueryClient } from "@tanstack/react-query";
import * as React from "react";
import { ME_QUERY_KEY, type Me } from "@/components/layout/use-me";
import type { Branches, MessageInput, ReplyStats } from "@/lib/playground/conversation";
import type { ModelOption } from "@/lib/playground/models";
import { computeReplyStats } from "@/lib/playground/reply-stats";
import { buildChatBody, type PlaygroundSettings, type TurnMessage } from "@/lib/playground/settings";
import { ChatRequestError, type StreamMeta, streamChat } from "@/lib/playground/stream";

// One chat thread: its messages and at most one running reply. Tokens are appended to a buffer
// and flushed into React state once per animation frame — every token shows within a frame of
// arriving, without a render per SSE chunk.

export const CHAT_URL = "/api/playground/chat";

export interface ThreadMessage extends MessageInput {
  id: string;
  /** Live while the reply streams. */
  streaming?: boolean;
  /** Live choices 2..n while streaming (n > 1); saved into stats.alternatives at the end. */
  liveAlternatives?: string[];
  meta?: StreamMeta;
}

export interface TurnError {
  code: string;
  message: string;
  status: number;
  retryAfter: number | null;
  /** When the error came, for "retry in N s" countdowns. */
  at: number;
}

export interface RunResult {
  /** The request never started a stream: the thread was restored to how it was. */
  failed: boolean;
  messages: ThreadMessage[];
}

const newId = () => crypto.randomUUID();

export const toMessageInput = ({
  role,
  content,
  reasoning,
  model,
  stats,
  status,
  branches,
}: MessageInput) => ({
  role,
  content,
  reasoning,
  model,
  stats,
  status,
  branches,
});

/** What is saved of a thread; a reply still streaming only as the placeholder the server writes into. */
export function toMessageInputs(
  messages: readonly ThreadMessage[],
  { placeholder = false }: { placeholder?: boolean } = {},
): MessageInput[] {
  return messages.filter((m) => placeholder || !m.streaming).map(toMessageInput);
}

/** Where the server saves a reply as it streams: a placeholder message in a saved conversation. */
export interface SaveTarget {
  conversationId: string;
  messageId: string;
}

/**
 * The versions of message `index` as one list — the live one (this message and the rest of the
 * thread) at its place among the others — and the live one's place.
 */
function versionsAt(
  messages: readonly ThreadMessage[],
  index: number,
): { all: MessageInput[][]; active: number } {
  const message = messages[index];
  const branches: Branches = message?.branches ?? { active: 0, others: [] };
  const live = messages.slice(index).map(toMessageInput);
  if (live[0]) live[0] = { ...live[0], branches: null };
  const all = [...branches.others];
  all.splice(branches.active, 0, live);
  return { all, active: branches.active };
}

/** Message `index`'s versions with a new one (about to be written) added last and made live. */
function withNewVersion(messages: readonly ThreadMessage[], index: number): Branches {
  const { all } = versionsAt(messages, index);
  return { active: all.length, others: all };
}

const toTurns = (messages: readonly ThreadMessage[]): TurnMessage[] =>
  messages.map((m) => ({ role: m.role, content: m.content }));

export function useChatThread(
  options: {
    /** Called when a turn has ended, and ("failed") when a request was refused before its stream. */
    onSaved?: (messages: ThreadMessage[], phase: "failed" | "ended") => void;
    /** Saves the thread with the reply's placeholder before the request, so the server writes the reply into it. */
    prepare?: (messages: ThreadMessage[]) => Promise<SaveTarget | null>;
  } = {},
) {
  const queryClient = useQueryClient();
  const [messages, setMessagesState] = React.useState<ThreadMessage[]>([]);
  const [error, setError] = React.useState<TurnError | null>(null);
  const [running, setRunning] = React.useState(false);
  const messagesRef = React.useRef<ThreadMessage[]>([]);
  const controllerRef = React.useRef<AbortController | null>(null);
  // Bumped by each run and each reset: a run that is no longer the current one only stops.
  const generationRef = React.useRef(0);
  const onSavedRef = React.useRef(options.onSaved);
  onSavedRef.current = options.onSaved;
  const prepareRef = React.useRef(options.prepare);
  prepareRef.current = options.prepare;

  const setMessages = React.useCallback((next: ThreadMessage[]) => {
    messagesRef.current = next;
    setMessagesState(next);
  }, []);

  const patch = React.useCallback(
    (id: string, change: Partial<ThreadMessage>) => {
      setMessages(messagesRef.current.map((m) => (m.id === id ? { ...m, ...change } : m)));
    },
    [setMessages],
  );

  const stop = React.useCallback(() => controllerRef.current?.abort(), []);

  /**
   * Streams a reply to `history` (which ends with the user's turn) into a new assistant message.
   * On an error before the stream starts, the thread goes back to `restore`.
   */
  const run = React.useCallback(
    async (
      history: ThreadMessage[],
      settings: PlaygroundSettings,
      model: ModelOption,
      restore: ThreadMessage[],
      branches: Branches | null = null,
    ): Promise<RunResult> => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      const generation = ++generationRef.current;
      const current = () => generationRef.current === generation;
      const assistantId = newId();
      setError(null);
      setRunning(true);
      setMessages([
        ...history,
        {
          id: assistantId,
          role: "assistant",
          content: "",
          reasoning: null,
          model: model.id,
          stats: null,
          status: "streaming",
          branches,
          streaming: true,
        },
      ]);

      const contents: string[] = [""];
      const reasonings: string[] = [""];
      let meta: StreamMeta | null = null;
      let usage: { promptTokens: number; completionTokens: number } | null = null;
      let finishReason: string | null = null;
      let outcome = "done";
      let errorMessage: string | null = null;
      const startedAt = performance.now();
      let firstTokenAt: number | null = null;
      let frame: number | null = null;

      const flush = () => {
        frame = null;
        if (!current()) return;
        patch(assistantId, {
          content: contents[0] ?? "",
          reasoning: reasonings[0] || null,
          liveAlternatives: contents.length > 1 ? contents.slice(1) : undefined,
        });
      };
      const schedule = () => {
        if (frame !== null) return;
        // A hidden tab gets no animation frames; a timer keeps the text current there too.
        frame = document.hidden ? window.setTimeout(flush, 100) : requestAnimationFrame(flush);
      };
      const cancelFrame = () => {
        if (frame === null) return;
        if (document.hidden) window.clearTimeout(frame);
        else cancelAnimationFrame(frame);
        frame = null;
      };

      try {
        const body = buildChatBody(settings, toTurns(history), model, { stream: true });
        const target = prepareRef.current ? await prepareRef.current(messagesRef.current) : null;
        if (controller.signal.aborted) throw new DOMException("Stopped", "AbortError");
        const url = target
          ? `${CHAT_URL}?${new URLSearchParams({ conversation: target.conversationId, message: target.messageId })}`
          : CHAT_URL;
        for await (const event of streamChat({ url, body, signal: controller.signal })) {
          switch (event.type) {
            case "open":
              meta = event.meta;
              if (!current()) break;
              patch(assistantId, { meta: event.meta });
              if (event.meta.creditsRemaining !== null) {
                const balance = event.meta.creditsRemaining;
                queryClient.setQueryData<Me>(ME_QUERY_KEY, (me) => (me ? { ...me, balance } : me));
              }
              break;
            case "delta":
              firstTokenAt ??= performance.now();
              contents[event.index] = (contents[event.index] ?? "") + event.content;
              reasonings[event.index] = (reasonings[event.index] ?? "") + event.reasoning;
              schedule();
              break;
            case "finish":
              if (event.index === 0) finishReason = event.reason;
              break;
            case "usage":
              usage = event.usage;
              break;
            case "error":
              outcome = event.code;
              errorMessage = event.message;
              break;
            case "aborted":
              outcome = "stopped";
              break;
            case "done":
              outcome = "done";
              break;
          }
        }
      } catch (caught) {
        cancelFrame();
        if (!current()) return { failed: true, messages: messagesRef.current };
        const failure =
          caught instanceof ChatRequestError
            ? caught
            : new ChatRequestError(0, "client_error", "Something went wrong in the browser. Try again.");
        setError({
          code: failure.code,
          message: failure.message,
          status: failure.status,
          retryAfter: failure.retryAfter,
          at: Date.now(),
        });
        setMessages(restore);
        setRunning(false);
        controllerRef.current = null;
        void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
        onSavedRef.current?.(restore, "failed");
        return { failed: true, messages: restore };
      }

      cancelFrame();
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      if (!current()) return { failed: false, messages: messagesRef.current };
      const alternatives = contents.slice(1).map((c) => c ?? "");
      const stats: ReplyStats = computeReplyStats({
        timing: { startedAt, firstTokenAt, endedAt: performance.now() },
        usage,
        output: contents.join("") + reasonings.join(""),
        cost: meta?.cost ?? model.creditCost,
        upstream: meta?.upstream ?? null,
        finishReason,
        outcome,
        errorMessage,
        alternatives,
      });
      patch(assistantId, {
        content: contents[0] ?? "",
        reasoning: reasonings[0] || null,
        stats,
        status: outcome === "done" || outcome === "stopped" ? "complete" : "failed",
        streaming: false,
        liveAlternatives: undefined,
      });
      setRunning(false);
      controllerRef.current = null;
      onSavedRef.current?.(messagesRef.current, "ended");
      return { failed: false, messages: messagesRef.current };
    },
    [patch, queryClient, setMessages],
  );

  const send = React.useCallback(
    (text: string, settings: PlaygroundSettings, model: ModelOption) => {
      const before = messagesRef.current.filter((m) => !m.streaming);
      const user: ThreadMessage = {
        id: newId(),
        role: "user",
        content: text,
        reasoning: null,
        model: null,
        stats: null,
        status: "complete",
        branches: null,
      };
      return run([...before, user], settings, model, before);
    },
    [run],
  );

  /** Answers again in place of the reply at `assistantId` (default: the last one); the old one stays as a branch. */
  const regenerate = React.useCallback(
    (settings: PlaygroundSettings, model: ModelOption, assistantId?: string) => {
      const current = messagesRef.current;
      const index = assistantId
        ? current.findIndex((m) => m.id === assistantId)
        : current.findLastIndex((m) => m.role === "assistant");
      if (index < 1) return Promise.resolve<RunResult>({ failed: true, messages: current });
      return run(current.slice(0, index), settings, model, current, withNewVersion(current, index));
    },
    [run],
  );

  /** Answers an edited user message; the original and what followed it stay as a branch. */
  const editAndResend = React.useCallback(
    (messageId: string, text: string, settings: PlaygroundSettings, model: ModelOption) => {
      const current = messagesRef.current;
      const index = current.findIndex((m) => m.id === messageId);
      const original = current[index];
      if (original?.role !== "user") return Promise.resolve<RunResult>({ failed: true, messages: current });
      const edited: ThreadMessage = {
        ...original,
        id: newId(),
        content: text,
        branches: withNewVersion(current, index),
      };
      return run([...current.slice(0, index), edited], settings, model, current);
    },
    [run],
  );

  /** Shows version `to` of message `messageId` (and the turns that followed it). */
  const switchBranch = React.useCallback(
    (messageId: string, to: number) => {
      const current = messagesRef.current;
      const index = current.findIndex((m) => m.id === messageId);
      if (index < 0 || current.some((m) => m.streaming)) return null;
      const { all } = versionsAt(current, index);
      const chosen = all[to];
      if (!chosen) return null;
      const others = all.filter((_, i) => i !== to);
      const next: ThreadMessage[] = [
        ...current.slice(0, index),
        ...chosen.map((m, i) => ({
          ...m,
          id: newId(),
          ...(i === 0 ? { branches: { active: to, others } } : {}),
        })),
      ];
      setMessages(next);
      return next;
    },
    [setMessages],
  );

  const remove = React.useCallback(
    (messageId: string) => {
      const next = messagesRef.current.filter((m) => m.id !== messageId);
      setMessages(next);
      return next;
    },
    [setMessages],
  );

  /** Loads saved messages (or clears the thread), stopping any running reply. */
  const reset = React.useCallback(
    (saved: Array<MessageInput & { id?: string }> = []) => {
      generationRef.current += 1;
      controllerRef.current?.abort();
      controllerRef.current = null;
      setRunning(false);
      setError(null);
      setMessages(saved.map((m) => ({ ...m, id: m.id ?? newId(), streaming: m.status === "streaming" })));
    },
    [setMessages],
  );

  React.useEffect(() => () => controllerRef.current?.abort(), []);

  return {
    messages,
    running,
    error,
    dismissError: () => setError(null),
    send,
    stop,
    regenerate,
    editAndResend,
    switchBranch,
    remove,
    reset,
  };
}

export type ChatThread = ReturnType<typeof useChatThread>;
