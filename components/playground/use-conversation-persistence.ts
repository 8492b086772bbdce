"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as React from "react";
import { toast } from "sonner";
import {
  type SaveTarget,
  type ThreadMessage,
  toMessageInputs,
} from "@/components/playground/use-chat-thread";
import {
  CONVERSATIONS_KEY,
  createConversation,
  saveMessages,
} from "@/components/playground/use-conversations";
import { ApiError, fetchJson } from "@/lib/fetch-json";
import type { PlaygroundSettings } from "@/lib/playground/settings";

const SETTINGS_SAVE_DELAY_MS = 700;

/** Where a conversation is being saved; replaced on "New chat" or when another one opens. */
interface SaveSession {
  id: string | null;
  chain: Promise<void>;
}

export function setUrl(id: string | null) {
  window.history.replaceState(null, "", id ? `/playground?c=${encodeURIComponent(id)}` : "/playground");
}

/**
 * Saving the playground: the open conversation's messages after each reply (created on the first
 * one), and the settings, debounced, as the user's defaults and the open conversation's own.
 */
export function useConversationPersistence({
  initialId,
  settings,
}: {
  initialId: string | null;
  settings: PlaygroundSettings;
}) {
  const queryClient = useQueryClient();
  const [conversationId, setConversationId] = React.useState<string | null>(initialId);
  const sessionRef = React.useRef<SaveSession>({ id: initialId, chain: Promise.resolve() });
  const settingsRef = React.useRef(settings);
  settingsRef.current = settings;

  /** Saves `messages` to the open conversation (creating it first); their saved ids, or null. */
  const save = React.useCallback(
    (messages: ThreadMessage[], options: { placeholder?: boolean } = {}) => {
      const session = sessionRef.current;
      const inputs = toMessageInputs(messages, options);
      if (inputs.length === 0 && !session.id) return Promise.resolve(null);
      const snapshot = settingsRef.current;
      const result = session.chain.then(async () => {
        try {
          let saved: { conversationId: string; messageIds: string[] };
          if (session.id) {
            const r = await saveMessages(session.id, { settings: snapshot, messages: inputs });
            saved = { conversationId: session.id, messageIds: r.messageIds };
          } else {
            const created = await createConversation({ settings: snapshot, messages: inputs });
            session.id = created.conversation.id;
            if (sessionRef.current === session) {
              setConversationId(created.conversation.id);
              setUrl(created.conversation.id);
            }
            saved = { conversationId: created.conversation.id, messageIds: created.messageIds };
          }
          void queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
          return saved;
        } catch (error) {
          // The thread stays on screen; the next reply saves it whole once there is room again.
          if (error instanceof ApiError && error.code === "conversation_limit_reached") {
            toast.error("This conversation is not saved", {
              id: "conversation-limit",
              description: `${error.message} It is saved with your next message once there is room.`,
              duration: 20_000,
            });
          } else toast.error(`Could not save the conversation: ${(error as Error).message}`);
          return null;
        }
      });
      session.chain = result.then(() => undefined);
      return result;
    },
    [queryClient],
  );

  const persist = React.useCallback(
    (messages: ThreadMessage[], phase?: "failed" | "ended") => {
      const session = sessionRef.current;
      // A first message refused before its reply (no credits, rate limit) leaves no empty conversation.
      if (phase === "failed" && messages.length === 0 && session.id) {
        const id = session.id;
        session.id = null;
        session.chain = session.chain.then(async () => {
          await fetchJson(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(
            (e: Error) => toast.error(`Could not tidy up the conversation: ${e.message}`),
          );
          await queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
        });
        if (sessionRef.current === session) {
          setConversationId(null);
          setUrl(null);
        }
        return;
      }
      void save(messages);
    },
    [queryClient, save],
  );

  /** Saves the thread with its reply placeholder (last) and says where the server should write the reply. */
  const prepare = React.useCallback(
    async (messages: ThreadMessage[]): Promise<SaveTarget | null> => {
      const saved = await save(messages, { placeholder: true });
      const messageId = saved?.messageIds.at(-1);
      return saved && messageId ? { conversationId: saved.conversationId, messageId } : null;
    },
    [save],
  );

  // The user's default settings follow every change (debounced); an open conversation keeps its own.
  const saveDefaults = useMutation({
    mutationFn: (next: PlaygroundSettings) =>
      fetchJson("/api/playground/settings", { method: "PUT", body: next }),
  });
  const firstSettings = React.useRef(true);
  React.useEffect(() => {
    if (firstSettings.current) {
      firstSettings.current = false;
      return;
    }
    const timer = setTimeout(() => {
      saveDefaults.mutate(settings);
      const id = sessionRef.current.id;
      if (id) {
        void fetchJson(`/api/conversations/${encodeURIComponent(id)}`, {
          method: "PATCH",
          body: { settings },
        }).catch((e: Error) => toast.error(`Could not save the settings: ${e.message}`));
      }
    }, SETTINGS_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [settings, saveDefaults.mutate]);

  /** Saves from now on go to conversation `id` (null: a new one, created by the next save). */
  const startSession = React.useCallback((id: string | null) => {
    sessionRef.current = { id, chain: Promise.resolve() };
    setConversationId(id);
    setUrl(id);
  }, []);

  /** The conversation saves currently go to (a ref read, so callbacks need not re-render). */
  const currentId = React.useCallback(() => sessionRef.current.id, []);

  return { conversationId, persist, prepare, startSession, currentId, settingsRef };
}
