"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { type ApiKeyRow, KEYS_QUERY_KEY } from "@/components/keys/types";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { ApiError, fetchJson } from "@/lib/fetch-json";

export function RevokeKeyButton({ apiKey }: { apiKey: ApiKeyRow }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () =>
      fetchJson<ApiKeyRow>(`/api/keys/${encodeURIComponent(apiKey.id)}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(`Key “${apiKey.name}” revoked`);
    },
    onError: (err) =>
      toast.error(err instanceof ApiError ? err.message : "Could not revoke the key. Try again."),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEYS_QUERY_KEY }),
  });

  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:bg-destructive/10 hover:text-destructive"
          loading={revoke.isPending}
          aria-label={`Revoke ${apiKey.name}`}
        >
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke “{apiKey.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Requests with <span className="font-mono">{apiKey.prefix}</span> are refused from now on (401).
            Apps using it stop working. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => revoke.mutate()}>
            Revoke key
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
