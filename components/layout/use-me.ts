"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/fetch-json";

export interface Me {
  id: string;
  email: string;
  name: string | null;
  balance: number;
  inviteCode: string;
}

/** Invalidate this after anything that changes the balance: `queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })`. */
export const ME_QUERY_KEY = ["me"] as const;

/** `initial`: the account as the server rendered the page with, so the balance shows at first paint. */
export function useMe(initial?: Me) {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => fetchJson<Me>("/api/me"),
    refetchInterval: 60_000,
    initialData: initial,
  });
}
