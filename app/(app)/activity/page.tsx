import { ActivityIcon, SearchXIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ActivityFilters } from "@/components/activity/activity-filters";
import { ActivityList } from "@/components/activity/activity-list";
import { PageContainer, PageHeader } from "@/components/layout/page";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  type ActivityQuery,
  type ActivityQueryInput,
  encodeCursor,
  parseActivityQuery,
} from "@/lib/activity/query";
import { activitySearch } from "@/lib/activity/search";
import { requireUser } from "@/lib/auth";
import { listActivity, listActivityFacets } from "@/lib/data/activity";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

function parse(input: ActivityQueryInput): ActivityQuery | undefined {
  try {
    return parseActivityQuery(input);
  } catch {
    return undefined;
  }
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<ActivityQueryInput> }) {
  const user = await requireUser();
  const query = parse(await searchParams);
  if (!query) redirect("/activity");
  const facets = await listActivityFacets({ userId: user.id });
  // Another user's key id finds nothing here, as over the API.
  if (query.filter.keyId && !facets.keys.some((k) => k.id === query.filter.keyId)) notFound();
  const page = await listActivity({ userId: user.id, query });
  const filtered = Object.keys(query.filter).length > 0;
  const older = page.older ? activitySearch(query.filter, { after: encodeCursor(page.older) }) : null;
  const newer = page.newer ? activitySearch(query.filter, { before: encodeCursor(page.newer) }) : null;

  return (
    <PageContainer>
      <PageHeader
        title="Activity"
        description="Every API and playground call: model, key, tokens, time taken, how it ended and what it cost. Failed calls are refunded unless output had gone out."
      />
      <div className="grid min-w-0 gap-4">
        <ActivityFilters
          filter={query.filter}
          keys={facets.keys.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            revoked: k.revokedAt !== null,
          }))}
          models={facets.models}
        />
        {page.rows.length === 0 ? (
          <EmptyState
            icon={filtered ? SearchXIcon : ActivityIcon}
            title={filtered ? "No calls match this filter" : "No calls yet"}
            description={
              filtered
                ? "Try another key, model or status."
                : "Calls from your API keys and the playground show up here as they finish."
            }
            action={
              filtered ? (
                <Link href="/activity" className={buttonVariants({ variant: "outline" })}>
                  Show all activity
                </Link>
              ) : (
                <Link href="/playground" className={buttonVariants({ variant: "outline" })}>
                  Open the playground
                </Link>
              )
            }
          />
        ) : (
          <ActivityList rows={page.rows} highlight={query.filter.requestId} />
        )}
        {newer || older ? (
          <nav aria-label="Activity pages" className="flex flex-wrap items-center justify-end gap-2">
            {newer ? (
              <>
                <Link
                  href={`/activity${activitySearch(query.filter)}`}
                  className={buttonVariants({ variant: "ghost" })}
                >
                  Newest
                </Link>
                <Link href={`/activity${newer}`} className={buttonVariants({ variant: "outline" })}>
                  Newer
                </Link>
              </>
            ) : null}
            {older ? (
              <Link href={`/activity${older}`} className={buttonVariants({ variant: "outline" })}>
                Older
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </PageContainer>
  );
}
