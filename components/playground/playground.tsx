"use client";

import { useQueryClient } from "@tanstack/react-query";
import * as React from "react";
import { toast } from "sonner";
import { ChatError } from "@/components/playground/chat-error";
import { CompareView } from "@/components/playground/compare-view";
import { Composer } from "@/components/playground/composer";
import { ConversationSidebar } from "@/components/playground/conversation-sidebar";
import { EmptyThread } from "@/components/playground/empty-thread";
import { MessageList } from "@/components/playground/message-list";
import { SettingsPanel } from "@/components/playground/settings-panel";
import { PlaygroundToolbar } from "@/components/playground/toolbar";
import { useChatThread } from "@/components/playground/use-chat-thread";
import { isCoarsePointer } from "@/components/playground/use-coarse-pointer";
import { setUrl, useConversationPersistence } from "@/components/playground/use-conversation-persistence";
import {
  CONVERSATIONS_KEY,
  conversationKey,
  fetchConversation,
} from "@/components/playground/use-conversations";
import { ApiError } from "@/lib/fetch-json";
import type { ConversationDetail } from "@/lib/playground/conversation";
import type { ModelOption } from "@/lib/playground/models";
import {
  buildChatBody,
  type PlaygroundSettings,
  pickModel,
  readSettings,
  switchModel,
  type TurnMessage,
} from "@/lib/playground/settings";

const focusComposer = () => document.getElementById("playground-message")?.focus();
const WATCH_INTERVAL_MS = 600;

/** Whether a key press lands in a field other than the message box (where `/` is just a character). */
const typingElsewhere = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.id !== "playground-message" &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function Playground({
  models,
  initialSettings,
  initialConversation,
  missingConversation,
  origin,
}: {
  models: ModelOption[];
  initialSettings: PlaygroundSettings;
  initialConversation: ConversationDetail | null;
  missingConversation: boolean;
  origin: string;
}) {
  const queryClient = useQueryClient();
  const [settings, setSettings] = React.useState<PlaygroundSettings>(
    () => (initialConversation && readSettings(initialConversation.settings, models)) || initialSettings,
  );
  const [draft, setDraft] = React.useState("");
  const [compare, setCompare] = React.useState(false);
  const [compareModelId, setCompareModelId] = React.useState(
    () =>
      models.find(
        (m) => m.id !== settings.model && m.thinking !== pickModel(models, settings.model)?.thinking,
      )?.id ??
      models[0]?.id ??
      "",
  );
  const [settingsOpen, setSettingsOpen] = React.useState(false);
  const [conversationsOpen, setConversationsOpen] = React.useState(false);
  const { conversationId, persist, prepare, startSession, currentId, settingsRef } =
    useConversationPersistence({
      initialId: initialConversation?.id ?? null,
      settings,
    });

  const model = pickModel(models, settings.model) as ModelOption;
  const compareModel = pickModel(models, compareModelId) as ModelOption;

  const thread = useChatThread({ onSaved: persist, prepare });
  const compareA = useChatThread();
  const compareB = useChatThread();
  // A reply another tab (or the page before a reload) is still streaming: shown as it grows.
  const watching = !compare && !thread.running && thread.messages.some((m) => m.streaming);
  const running = compare ? compareA.running || compareB.running : thread.running || watching;
  const streamingHere = compare ? compareA.running || compareB.running : thread.running;

  // Polled rather than pushed: the database is the one place every instance writes the reply to,
  // and it is written at most every SAVE_INTERVAL_MS, so a poll at that pace misses nothing.
  React.useEffect(() => {
    if (!watching || !conversationId) return;
    let cancelled = false;
    const timer = window.setInterval(() => {
      void fetchConversation(conversationId).then(
        (c) => {
          if (!cancelled && currentId() === conversationId) thread.reset(c.messages);
        },
        (e: Error) => {
          if (!cancelled) toast.error(`Could not follow the reply: ${e.message}`, { id: "follow-reply" });
        },
      );
    }, WATCH_INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [watching, conversationId, currentId, thread.reset]);

  // Leaving while a reply streams here cuts it off (it is kept, but interrupted): ask first.
  React.useEffect(() => {
    if (!streamingHere) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [streamingHere]);
  const error = compare ? (compareA.error ?? compareB.error) : thread.error;

  // The message box has focus on arrival (not on a touch screen, where that opens the keyboard);
  // `/` or Ctrl/Cmd-K bring it back from anywhere but another field.
  React.useEffect(() => {
    if (!isCoarsePointer()) focusComposer();
    const onKey = (e: KeyboardEvent) => {
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey;
      const k = e.key.toLowerCase() === "k" && (e.ctrlKey || e.metaKey) && !e.altKey;
      if (!(slash || k) || e.defaultPrevented || typingElsewhere(e.target)) return;
      if (slash && document.activeElement?.id === "playground-message") return;
      e.preventDefault();
      focusComposer();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Load the conversation the page was opened with (?c=…), or say it is gone.
  const initialRef = React.useRef(initialConversation);
  React.useEffect(() => {
    if (initialRef.current) thread.reset(initialRef.current.messages);
    if (missingConversation) {
      toast.error("That conversation does not exist (it may have been deleted).");
      setUrl(null);
    }
  }, [thread.reset, missingConversation]);

  const newChat = React.useCallback(() => {
    thread.reset();
    compareA.reset();
    compareB.reset();
    startSession(null);
    setConversationsOpen(false);
    requestAnimationFrame(focusComposer);
  }, [thread.reset, compareA.reset, compareB.reset, startSession]);

  const openConversation = React.useCallback(
    async (id: string) => {
      setConversationsOpen(false);
      if (id === currentId() && !compare) return;
      try {
        const conversation = await queryClient.fetchQuery({
          queryKey: conversationKey(id),
          queryFn: () => fetchConversation(id),
          staleTime: 0,
        });
        setCompare(false);
        thread.reset(conversation.messages);
        startSession(id);
        const restored = readSettings(conversation.settings, models);
        if (restored) setSettings(restored);
      } catch (e) {
        toast.error(
          e instanceof ApiError && e.status === 404
            ? "That conversation no longer exists."
            : (e as Error).message,
        );
        void queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
      }
    },
    [compare, models, queryClient, thread.reset, currentId, startSession],
  );

  const changeModel = (id: string) => {
    const to = models.find((m) => m.id === id);
    if (to) setSettings(switchModel(settings, model, to));
  };

  async function send() {
    const text = draft;
    if (!text.trim() || running) return;
    setDraft("");
    if (!isCoarsePointer()) focusComposer();
    let failed: boolean;
    if (compare) {
      const [a, b] = await Promise.all([
        compareA.send(text, settings, model),
        compareB.send(text, switchModel(settings, model, compareModel), compareModel),
      ]);
      failed = a.failed && b.failed;
    } else {
      failed = (await thread.send(text, settings, model)).failed;
    }
    // Nothing typed is lost: a message that was not accepted goes back into the box.
    if (failed) setDraft((current) => (current === "" ? text : current));
  }

  function stop() {
    thread.stop();
    compareA.stop();
    compareB.stop();
  }

  const actions = React.useMemo(
    () => ({
      onDelete: (id: string) => persist(thread.remove(id)),
      onSwitchBranch: (id: string, to: number) => {
        const next = thread.switchBranch(id, to);
        if (next) persist(next);
      },
      onRegenerate: (id: string) =>
        void thread.regenerate(
          settingsRef.current,
          pickModel(models, settingsRef.current.model) as ModelOption,
          id,
        ),
      onEditResend: (id: string, text: string) =>
        void thread.editAndResend(
          id,
          text,
          settingsRef.current,
          pickModel(models, settingsRef.current.model) as ModelOption,
        ),
    }),
    [
      models,
      persist,
      settingsRef,
      thread.remove,
      thread.regenerate,
      thread.editAndResend,
      thread.switchBranch,
    ],
  );

  const codeBody = React.useCallback(() => {
    const source = compare ? compareA.messages : thread.messages;
    const turns: TurnMessage[] = source
      .filter((m) => !m.streaming)
      .map((m) => ({ role: m.role, content: m.content }));
    if (draft.trim()) turns.push({ role: "user", content: draft });
    if (turns.length === 0) turns.push({ role: "user", content: "Hello, Kimi!" });
    return buildChatBody(settings, turns, model);
  }, [compare, compareA.messages, thread.messages, draft, settings, model]);

  const toggleCompare = () => {
    if (!compare && compareModel.id === model.id) {
      setCompareModelId(models.find((m) => m.id !== model.id)?.id ?? model.id);
    }
    setCompare(!compare);
    compareA.reset();
    compareB.reset();
  };

  const dismissError = () => {
    thread.dismissError();
    compareA.dismissError();
    compareB.dismissError();
  };

  const settingsPanel = <SettingsPanel settings={settings} model={model} onChange={setSettings} />;
  const sidebar = (
    <ConversationSidebar
      activeId={conversationId}
      onOpen={(id) => void openConversation(id)}
      onNew={newChat}
      onDeleted={(id) => {
        queryClient.removeQueries({ queryKey: conversationKey(id) });
        if (id === currentId()) newChat();
      }}
    />
  );

  return (
    <div className="flex h-[calc(100dvh-3.5rem-1px)] min-h-0 w-full">
      <aside aria-label="Saved conversations" className="hidden w-64 shrink-0 flex-col border-r p-3 lg:flex">
        {sidebar}
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <PlaygroundToolbar
          models={models}
          model={model}
          onModel={changeModel}
          compare={compare}
          onToggleCompare={toggleCompare}
          running={running}
          codeBody={codeBody}
          origin={origin}
          sidebar={sidebar}
          settingsPanel={settingsPanel}
          conversationsOpen={conversationsOpen}
          onConversationsOpen={setConversationsOpen}
          settingsOpen={settingsOpen}
          onSettingsOpen={setSettingsOpen}
        />

        {compare ? (
          <CompareView
            models={models}
            threads={[compareA, compareB]}
            model={model}
            compareModel={compareModel}
            onModel={changeModel}
            onCompareModel={setCompareModelId}
            running={running}
          />
        ) : (
          <MessageList
            messages={thread.messages}
            busy={running}
            actions={actions}
            empty={
              <EmptyThread
                model={model}
                onPick={(text) => {
                  setDraft(text);
                  focusComposer();
                }}
              />
            }
          />
        )}

        <div className="px-2 pb-2 pt-1 sm:px-4 sm:pb-4">
          <div className="mx-auto grid w-full max-w-3xl gap-2">
            {error ? (
              <ChatError
                error={error}
                onDismiss={dismissError}
                onRetry={draft.trim() ? () => void send() : undefined}
              />
            ) : null}
            <Composer
              value={draft}
              onChange={setDraft}
              onSend={() => void send()}
              onStop={stop}
              running={running}
            />
            <p className="hidden text-center text-xs text-muted-foreground sm:block">
              Enter to send · Shift+Enter for a new line · {model.creditCost} credit per reply
              {compare ? " per model" : ""}
            </p>
          </div>
        </div>
      </div>

      <aside aria-label="Settings" className="hidden w-80 shrink-0 overflow-y-auto border-l p-4 xl:block">
        {settingsPanel}
      </aside>
    </div>
  );
}
