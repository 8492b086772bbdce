"use client";

import { AlertCircleIcon, XIcon } from "lucide-react";
import Link from "next/link";
import * as React from "react";
import type { TurnError } from "@/components/playground/use-chat-thread";
import { Button } from "@/components/ui/button";

function useSecondsLeft(error: TurnError): number | null {
  const compute = React.useCallback(
    () =>
      error.retryAfter === null
        ? null
        : Math.max(0, Math.ceil(error.retryAfter - (Date.now() - error.at) / 1000)),
    [error],
  );
  const [left, setLeft] = React.useState(compute);
  React.useEffect(() => {
    setLeft(compute());
    if (error.retryAfter === null) return;
    const timer = setInterval(() => setLeft(compute()), 1000);
    return () => clearInterval(timer);
  }, [compute, error.retryAfter]);
  return left;
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** What a 429 says about when to come back: the reset time and a countdown. */
function resetDetail(reason: string, left: number | null, error: TurnError): string {
  if (left === null || left <= 0) return `${reason} The limit has reset: you can retry now.`;
  const at = CLOCK.format(new Date(error.at + (error.retryAfter ?? 0) * 1000));
  return `${reason} It resets at ${at} (in ${left} s).`;
}

/** Why the last message was not answered, and what to do; the message itself stays in the box. */
export function ChatError({
  error,
  onDismiss,
  onRetry,
}: {
  error: TurnError;
  onDismiss: () => void;
  onRetry?: () => void;
}) {
  const left = useSecondsLeft(error);
  let title: string;
  let detail: React.ReactNode = error.message;
  let action: React.ReactNode = null;
  switch (error.code) {
    case "insufficient_credits":
      title = "Insufficient credits";
      detail = "You have no credits left for this request.";
      action = (
        <Button asChild size="sm" variant="brand">
          <Link href="/pricing">Buy credits</Link>
        </Button>
      );
      break;
    case "rate_limit_exceeded":
      title = "Rate limit reached";
      detail = resetDetail("Your account's requests per minute are used up.", left, error);
      break;
    case "upstream_rate_limited":
      title = "Kimi's provider is rate limiting";
      detail = resetDetail(
        "The model provider refused this request for now; nothing was charged.",
        left,
        error,
      );
      break;
    case "upstream_unavailable":
    case "upstream_error":
    case "upstream_timeout":
      title = error.code === "upstream_timeout" ? "The model timed out" : "The model is unavailable";
      detail = `${error.message} Your message is still in the box; retry in a moment.`;
      break;
    case "unauthorized":
      title = "Signed out";
      detail = "Your session has ended.";
      action = (
        <Button asChild size="sm" variant="outline">
          <Link href="/login?next=/playground">Sign in again</Link>
        </Button>
      );
      break;
    case "network_error":
      title = "Offline";
      break;
    default:
      title = "Could not send";
  }
  const retryable = onRetry && error.code !== "insufficient_credits" && error.code !== "unauthorized";
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm"
    >
      <AlertCircleIcon className="size-4 shrink-0 text-destructive" aria-hidden="true" />
      <p className="min-w-0 flex-1">
        <span className="font-medium text-destructive">{title}</span>
        <span className="text-foreground/80"> — {detail}</span>
      </p>
      {action}
      {retryable ? (
        <Button size="sm" variant="outline" onClick={onRetry} disabled={left !== null && left > 0}>
          Retry
        </Button>
      ) : null}
      <Button variant="ghost" size="icon-sm" aria-label="Dismiss error" onClick={onDismiss}>
        <XIcon aria-hidden="true" />
      </Button>
    </div>
  );
}
