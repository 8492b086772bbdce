"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/fetch-json";
import type {
  ConversationDetail,
  ConversationSummary,
  MessageInput,
  SavedConversation,
} from "@/lib/playground/conversation";
import type { PlaygroundSettings } from "@/lib/playground/settings";

// Server state of saved conversations, through react-query: the sidebar list, one conversation,
// and the writes (each refreshes the list, whose order is "last used first").

export const CONVERSATIONS_KEY = ["conversations"] as const;
export const conversationKey = (id: string) => ["conversation", id] as const;

export function useConversationList() {
  return useQuery({
    queryKey: CONVERSATIONS_KEY,
    queryFn: () =>
      fetchJson<{ conversations: ConversationSummary[] }>("/api/conversations").then((r) => r.conversations),
  });
}

export function fetchConversation(id: string) {
  return fetchJson<{ conversation: ConversationDetail }>(`/api/conversations/${encodeURIComponent(id)}`).then(
    (r) => r.conversation,
  );
}

export function createConversation(input: { settings: PlaygroundSettings; messages: MessageInput[] }) {
  return fetchJson<SavedConversation>("/api/conversations", { method: "POST", body: input });
}

export function saveMessages(id: string, input: { settings: PlaygroundSettings; messages: MessageInput[] }) {
  return fetchJson<SavedConversation>(`/api/conversations/${encodeURIComponent(id)}/messages`, {
    method: "PUT",
    body: input,
  });
}

export function useRenameConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) =>
      fetchJson<{ conversation: ConversationSummary }>(`/api/conversations/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: { title },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
}

export function useDeleteConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
}
