"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ColumnsIcon, MessagesSquareIcon, SlidersHorizontalIcon, SparklesIcon } from "lucide-react";
import * as React from "react";
import { toast } from "sonner";
import { ChatError } from "@/components/playground/chat-error";
import { Composer } from "@/components/playground/composer";
import { ConversationSidebar } from "@/components/playground/conversation-sidebar";
import { MessageList } from "@/components/playground/message-list";
import { ModelPicker } from "@/components/playground/model-picker";
import { SettingsPanel } from "@/components/playground/settings-panel";
import { type ThreadMessage, toMessageInputs, useChatThread } from "@/components/playground/use-chat-thread";
import {
  CONVERSATIONS_KEY,
  conversationKey,
  createConversation,
  fetchConversation,
  saveMessages,
} from "@/components/playground/use-conversations";
import { ViewCodeDialog } from "@/components/playground/view-code-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { ApiError, fetchJson } from "@/lib/fetch-json";
import type { ConversationDetail } from "@/lib/playground/conversation";
import { formatTokenCount, type ModelOption } from "@/lib/playground/models";
import {
  buildChatBody,
  type PlaygroundSettings,
  pickModel,
  readSettings,
  switchModel,
  type TurnMessage,
} from "@/lib/playground/settings";
import { cn } from "@/lib/utils";

const SETTINGS_SAVE_DELAY_MS = 700;
const EXAMPLE_PROMPTS = [
  "Explain the difference between a process and a thread, with an example.",
  "Write a Python function that chunks a list into pieces of size n.",
  "Give me three names for a coffee shop run by cats.",
];

/** Where a conversation is being saved; replaced on "New chat" or when another one opens. */
interface SaveSession {
  id: string | null;
  chain: Promise<void>;
}

const focusComposer = () => document.getElementById("playground-message")?.focus();

function setUrl(id: string | null) {
  window.history.replaceState(null, "", id ? `/playground?c=${encodeURIComponent(id)}` : "/playground");
}

function Sheet({
  label,
  side,
  trigger,
  children,
  open,
  onOpenChange,
}: {
  label: string;
  side: "left" | "right";
  trigger: React.ReactNode;
  children: React.ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        className={cn(
          "top-0 flex h-dvh max-h-dvh w-[min(22rem,90vw)] max-w-none translate-x-0 translate-y-0 flex-col content-start rounded-none p-4",
          side === "left" ? "left-0 rounded-r-xl" : "left-auto right-0 rounded-l-xl",
        )}
      >
        <DialogTitle className="text-base">{label}</DialogTitle>
        <DialogDescription className="sr-only">{label}</DialogDescription>
        <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
      </DialogContent>
    </Dialog>
  );
}

function EmptyThread({ model, onPick }: { model: ModelOption; onPick: (text: string) => void }) {
  return (
    <div className="mx-auto flex h-full max-w-xl flex-col items-center justify-center gap-4 px-4 py-10 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-brand/12 text-brand">
        <SparklesIcon className="size-6" aria-hidden="true" />
      </div>
      <div className="grid gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Chat with {model.name}</h1>
        <p className="text-sm text-muted-foreground">
          {model.description} {formatTokenCount(model.contextWindow)} context.
        </p>
      </div>
      <div className="grid w-full gap-2 sm:grid-cols-3">
        {EXAMPLE_PROMPTS.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => onPick(p)}
            className="rounded-xl border p-3 text-left text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {p}
          </button>
        ))}
      </div>
    </div>
  );
}

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
  const [conversationId, setConversationId] = React.useState<string | null>(initialConversation?.id ?? null);
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
  const sessionRef = React.useRef<SaveSession>({
    id: initialConversation?.id ?? null,
    chain: Promise.resolve(),
  });
  const settingsRef = React.useRef(settings);
  settingsRef.current = settings;

  const model = pickModel(models, settings.model) as ModelOption;
  const compareModel = pickModel(models, compareModelId) as ModelOption;

  const persist = React.useCallback(
    (messages: ThreadMessage[]) => {
      const session = sessionRef.current;
      const inputs = toMessageInputs(messages);
      if (inputs.length === 0 && !session.id) return;
      const snapshot = settingsRef.current;
      session.chain = session.chain.then(async () => {
        try {
          if (session.id) {
            await saveMessages(session.id, { settings: snapshot, messages: inputs });
          } else {
            const created = await createConversation({ settings: snapshot, messages: inputs });
            session.id = created.id;
            if (sessionRef.current === session) {
              setConversationId(created.id);
              setUrl(created.id);
            }
          }
          await queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
        } catch (error) {
          // The thread stays on screen; the next reply saves it whole once there is room again.
          if (error instanceof ApiError && error.code === "conversation_limit_reached") {
            toast.error("This conversation is not saved", {
              id: "conversation-limit",
              description: `${error.message} It is saved with your next message once there is room.`,
              duration: 20_000,
            });
          } else toast.error(`Could not save the conversation: ${(error as Error).message}`);
        }
      });
    },
    [queryClient],
  );

  const thread = useChatThread({ onSaved: persist });
  const compareA = useChatThread();
  const compareB = useChatThread();
  const running = compare ? compareA.running || compareB.running : thread.running;
  const error = compare ? (compareA.error ?? compareB.error) : thread.error;

  // Load the conversation the page was opened with (?c=…), or say it is gone.
  const initialRef = React.useRef(initialConversation);
  React.useEffect(() => {
    if (initialRef.current) thread.reset(initialRef.current.messages);
    if (missingConversation) {
      toast.error("That conversation does not exist (it may have been deleted).");
      setUrl(null);
    }
  }, [thread.reset, missingConversation]);

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

  const newChat = React.useCallback(() => {
    thread.reset();
    compareA.reset();
    compareB.reset();
    sessionRef.current = { id: null, chain: Promise.resolve() };
    setConversationId(null);
    setUrl(null);
    setConversationsOpen(false);
    requestAnimationFrame(focusComposer);
  }, [thread.reset, compareA.reset, compareB.reset]);

  const openConversation = React.useCallback(
    async (id: string) => {
      setConversationsOpen(false);
      if (id === sessionRef.current.id && !compare) return;
      try {
        const conversation = await queryClient.fetchQuery({
          queryKey: conversationKey(id),
          queryFn: () => fetchConversation(id),
          staleTime: 0,
        });
        setCompare(false);
        thread.reset(conversation.messages);
        sessionRef.current = { id, chain: Promise.resolve() };
        setConversationId(id);
        setUrl(id);
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
    [compare, models, queryClient, thread.reset],
  );

  const changeModel = (id: string) => {
    const to = models.find((m) => m.id === id);
    if (to) setSettings(switchModel(settings, model, to));
  };

  async function send() {
    const text = draft;
    if (!text.trim() || running) return;
    setDraft("");
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
    [models, persist, thread.remove, thread.regenerate, thread.editAndResend],
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
        if (id === sessionRef.current.id) newChat();
      }}
    />
  );

  return (
    <div className="flex h-[calc(100dvh-3.5rem-1px)] min-h-0 w-full">
      <aside aria-label="Saved conversations" className="hidden w-64 shrink-0 flex-col border-r p-3 lg:flex">
        {sidebar}
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-2 border-b px-2 py-2 sm:px-3">
          <Sheet
            label="Conversations"
            side="left"
            open={conversationsOpen}
            onOpenChange={setConversationsOpen}
            trigger={
              <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Conversations">
                <MessagesSquareIcon aria-hidden="true" />
              </Button>
            }
          >
            {sidebar}
          </Sheet>
          {compare ? (
            <p className="min-w-0 truncate text-sm font-medium">Compare models</p>
          ) : (
            <ModelPicker
              models={models}
              value={model.id}
              onChange={changeModel}
              className="min-w-0 flex-initial"
            />
          )}
          <div className="ml-auto flex shrink-0 items-center gap-1.5">
            <Button
              variant={compare ? "secondary" : "outline"}
              size="sm"
              className="h-9"
              aria-pressed={compare}
              disabled={running}
              onClick={() => {
                if (!compare && compareModel.id === model.id) {
                  setCompareModelId(models.find((m) => m.id !== model.id)?.id ?? model.id);
                }
                setCompare(!compare);
                compareA.reset();
                compareB.reset();
              }}
            >
              <ColumnsIcon aria-hidden="true" />
              <span className="hidden sm:inline">Compare</span>
              <span className="sr-only sm:hidden">Compare</span>
            </Button>
            <ViewCodeDialog body={codeBody} origin={origin} />
            <Sheet
              label="Settings"
              side="right"
              open={settingsOpen}
              onOpenChange={setSettingsOpen}
              trigger={
                <Button variant="outline" size="sm" className="h-9 xl:hidden" aria-label="Settings">
                  <SlidersHorizontalIcon aria-hidden="true" />
                </Button>
              }
            >
              {settingsPanel}
            </Sheet>
          </div>
        </div>

        {compare ? (
          <div className="grid min-h-0 flex-1 grid-rows-2 md:grid-cols-2 md:grid-rows-1 md:divide-x">
            {[
              { t: compareA, m: model, label: "Model", onModel: changeModel },
              { t: compareB, m: compareModel, label: "Compare with", onModel: setCompareModelId },
            ].map(({ t, m, label, onModel }, i) => (
              <div key={i} className="flex min-h-0 flex-col border-b md:border-b-0">
                <div className="flex items-center gap-2 border-b bg-muted/30 px-3 py-1.5">
                  <span className="text-xs font-semibold text-muted-foreground">{i === 0 ? "A" : "B"}</span>
                  <ModelPicker
                    models={models}
                    value={m.id}
                    onChange={onModel}
                    label={label}
                    disabled={running}
                    className="h-8 min-w-0 flex-initial bg-background"
                  />
                </div>
                <MessageList
                  label={`Replies from ${m.name}`}
                  messages={t.messages}
                  busy={running}
                  actions={{}}
                  empty={
                    <p className="p-6 text-center text-sm text-muted-foreground">
                      Send a message to compare {model.name} and {compareModel.name} side by side. Comparisons
                      are not saved.
                    </p>
                  }
                />
              </div>
            ))}
          </div>
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
