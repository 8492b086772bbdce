"use client";

import { DownloadIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import * as React from "react";
import { buttonVariants } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/input";
import { type ActivityFilter, activitySearch } from "@/lib/activity/search";
import { cn } from "@/lib/utils";

export interface FilterKey {
  id: string;
  name: string;
  prefix: string;
  revoked: boolean;
}

/** The view's filters: each change loads the first page of the new filter (the URL holds it). */
export function ActivityFilters({
  filter,
  keys,
  models,
}: {
  filter: ActivityFilter;
  keys: FilterKey[];
  models: string[];
}) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  const id = React.useId();

  // The selects show what was chosen at once, and a change made before the page has loaded the last
  // one builds on it; a navigation (back, a link) brings the URL's filter back.
  const [current, setCurrent] = React.useState(filter);
  React.useEffect(() => setCurrent(filter), [filter]);

  function change(patch: Partial<ActivityFilter>) {
    // A single-call view (from the credit history) widens to the filter once one is chosen.
    const next = { ...current, requestId: undefined, ...patch };
    setCurrent(next);
    startTransition(() => router.push(`/activity${activitySearch(next)}`));
  }

  const select = cn(fieldClasses, "h-11 py-1 sm:h-9");
  const filtered = Boolean(filter.keyId || filter.model || filter.status || filter.requestId);
  return (
    <form
      aria-label="Filter activity"
      aria-busy={pending}
      className="grid gap-3 sm:grid-cols-[repeat(3,minmax(0,1fr))_auto] sm:items-end"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="grid min-w-0 gap-1.5">
        <label htmlFor={`${id}-key`} className="text-xs font-medium text-muted-foreground">
          Key
        </label>
        <select
          id={`${id}-key`}
          className={select}
          value={current.keyId ?? ""}
          onChange={(e) => change({ keyId: e.target.value || undefined })}
        >
          <option value="">All keys and Playground</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({k.prefix}){k.revoked ? " — revoked" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="grid min-w-0 gap-1.5">
        <label htmlFor={`${id}-model`} className="text-xs font-medium text-muted-foreground">
          Model
        </label>
        <select
          id={`${id}-model`}
          className={select}
          value={current.model ?? ""}
          onChange={(e) => change({ model: e.target.value || undefined })}
        >
          <option value="">All models</option>
          {current.model && !models.includes(current.model) ? (
            <option value={current.model}>{current.model}</option>
          ) : null}
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="grid min-w-0 gap-1.5">
        <label htmlFor={`${id}-status`} className="text-xs font-medium text-muted-foreground">
          Status
        </label>
        <select
          id={`${id}-status`}
          className={select}
          value={current.status ?? ""}
          onChange={(e) => change({ status: (e.target.value || undefined) as ActivityFilter["status"] })}
        >
          <option value="">Any status</option>
          <option value="ok">Succeeded</option>
          <option value="failed">Failed</option>
        </select>
      </div>
      <div className="flex flex-wrap gap-2">
        {filtered ? (
          <Link href="/activity" className={cn(buttonVariants({ variant: "ghost" }), "h-11 sm:h-9")}>
            <XIcon aria-hidden="true" /> Clear
          </Link>
        ) : null}
        <a
          href={`/api/activity/export${activitySearch(filter)}`}
          download
          className={cn(buttonVariants({ variant: "outline" }), "h-11 sm:h-9")}
        >
          <DownloadIcon aria-hidden="true" /> Download CSV
        </a>
      </div>
    </form>
  );
}
