"use client";

import { ColumnsIcon, MessagesSquareIcon, SlidersHorizontalIcon } from "lucide-react";
import type * as React from "react";
import { ModelPicker } from "@/components/playground/model-picker";
import { ViewCodeDialog } from "@/components/playground/view-code-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ModelOption } from "@/lib/playground/models";
import type { ChatBody } from "@/lib/playground/settings";
import { cn } from "@/lib/utils";

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
        // The sheet itself takes focus, not its first field: on a phone that would open the keyboard.
        onOpenAutoFocus={(e) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement | null)?.focus();
        }}
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

/** The bar above the thread: conversations (small screens), model or compare title, actions. */
export function PlaygroundToolbar({
  models,
  model,
  onModel,
  compare,
  onToggleCompare,
  running,
  codeBody,
  origin,
  sidebar,
  settingsPanel,
  conversationsOpen,
  onConversationsOpen,
  settingsOpen,
  onSettingsOpen,
}: {
  models: ModelOption[];
  model: ModelOption;
  onModel: (id: string) => void;
  compare: boolean;
  onToggleCompare: () => void;
  running: boolean;
  codeBody: () => ChatBody;
  origin: string;
  sidebar: React.ReactNode;
  settingsPanel: React.ReactNode;
  conversationsOpen: boolean;
  onConversationsOpen: (open: boolean) => void;
  settingsOpen: boolean;
  onSettingsOpen: (open: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2 border-b px-2 py-2 sm:px-3">
      <Sheet
        label="Conversations"
        side="left"
        open={conversationsOpen}
        onOpenChange={onConversationsOpen}
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
        <ModelPicker models={models} value={model.id} onChange={onModel} className="min-w-0 flex-initial" />
      )}
      <div className="ml-auto flex shrink-0 items-center gap-1.5">
        <Button
          variant={compare ? "secondary" : "outline"}
          size="sm"
          className="h-9"
          aria-pressed={compare}
          disabled={running}
          onClick={onToggleCompare}
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
          onOpenChange={onSettingsOpen}
          trigger={
            <Button variant="outline" size="sm" className="h-9 xl:hidden">
              <SlidersHorizontalIcon aria-hidden="true" />
              <span className="hidden sm:inline">Settings</span>
              <span className="sr-only sm:hidden">Settings</span>
            </Button>
          }
        >
          {settingsPanel}
        </Sheet>
      </div>
    </div>
  );
}
