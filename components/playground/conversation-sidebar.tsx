"use client";

import { MessageSquareIcon, MoreHorizontalIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import * as React from "react";
import { toast } from "sonner";
import {
  useConversationList,
  useDeleteConversation,
  useRenameConversation,
} from "@/components/playground/use-conversations";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import type { ConversationSummary } from "@/lib/playground/conversation";
import { MAX_TITLE } from "@/lib/playground/conversation";
import { cn } from "@/lib/utils";

function RenameDialog({ conversation, onClose }: { conversation: ConversationSummary; onClose: () => void }) {
  const [title, setTitle] = React.useState(conversation.title);
  const rename = useRenameConversation();
  const id = React.useId();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate(
              { id: conversation.id, title },
              {
                onSuccess: onClose,
                onError: (error) => toast.error(error.message),
              },
            );
          }}
        >
          <DialogHeader>
            <DialogTitle>Rename conversation</DialogTitle>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={id}>Title</Label>
            <Input
              id={id}
              value={title}
              maxLength={MAX_TITLE}
              autoFocus
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending} disabled={!title.trim()}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Saved conversations, newest first: open, rename, delete, or start a new one. */
export function ConversationSidebar({
  activeId,
  onOpen,
  onNew,
  onDeleted,
}: {
  activeId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDeleted: (id: string) => void;
}) {
  const list = useConversationList();
  const remove = useDeleteConversation();
  const [renaming, setRenaming] = React.useState<ConversationSummary | null>(null);
  const [deleting, setDeleting] = React.useState<ConversationSummary | null>(null);
  const [menuFor, setMenuFor] = React.useState<string | null>(null);

  // One Tab stop per conversation: Up/Down move between them, Right (or the context-menu key,
  // Shift+F10) opens its actions, whose items the arrow keys then walk.
  const onRowKey = (e: React.KeyboardEvent<HTMLButtonElement>, id: string) => {
    const row = e.currentTarget.closest("li");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const next = e.key === "ArrowDown" ? row?.nextElementSibling : row?.previousElementSibling;
      const target = next?.querySelector<HTMLButtonElement>("button[data-conversation]");
      if (target) {
        e.preventDefault();
        target.focus();
      }
    } else if (e.key === "ArrowRight" || e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
      e.preventDefault();
      setMenuFor(id);
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <Button variant="outline" onClick={onNew} className="justify-start">
        <PlusIcon aria-hidden="true" /> New chat
      </Button>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
        {list.isPending ? (
          <div className="grid gap-2 p-1">
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        ) : list.isError ? (
          <p className="p-2 text-sm text-muted-foreground">
            Could not load conversations.{" "}
            <button type="button" className="text-brand underline" onClick={() => list.refetch()}>
              Retry
            </button>
          </p>
        ) : list.data.length === 0 ? (
          <p className="p-2 text-sm text-muted-foreground">Your conversations will appear here.</p>
        ) : (
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-0.5">
            {list.data.map((c) => (
              <li key={c.id} className="group relative">
                <button
                  type="button"
                  onClick={() => onOpen(c.id)}
                  onKeyDown={(e) => onRowKey(e, c.id)}
                  data-conversation=""
                  aria-keyshortcuts="ArrowRight"
                  aria-current={c.id === activeId ? "page" : undefined}
                  className={cn(
                    "flex w-full items-center gap-2 rounded-md py-2 pl-2 pr-9 text-left text-sm text-muted-foreground hover:bg-accent hover:text-foreground",
                    "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    c.id === activeId && "bg-accent text-foreground",
                  )}
                >
                  <MessageSquareIcon className="size-4 shrink-0" aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate">{c.title}</span>
                </button>
                <DropdownMenu open={menuFor === c.id} onOpenChange={(open) => setMenuFor(open ? c.id : null)}>
                  <DropdownMenuTrigger asChild>
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      tabIndex={-1}
                      aria-label={`Actions for ${c.title}`}
                      className="absolute right-0.5 top-1/2 size-7 -translate-y-1/2"
                    >
                      <MoreHorizontalIcon aria-hidden="true" />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    <DropdownMenuItem onSelect={() => setRenaming(c)}>
                      <PencilIcon aria-hidden="true" /> Rename
                    </DropdownMenuItem>
                    <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(c)}>
                      <Trash2Icon aria-hidden="true" /> Delete
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {renaming ? <RenameDialog conversation={renaming} onClose={() => setRenaming(null)} /> : null}
      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this conversation?</AlertDialogTitle>
            <AlertDialogDescription>
              “{deleting?.title}” and all its messages will be deleted. This cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                const target = deleting;
                if (!target) return;
                remove.mutate(target.id, {
                  onSuccess: () => onDeleted(target.id),
                  onError: (error) => toast.error(error.message),
                });
              }}
            >
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
