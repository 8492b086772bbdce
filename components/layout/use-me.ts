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

export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => fetchJson<Me>("/api/me"),
    refetchInterval: 60_000,
  });
}
