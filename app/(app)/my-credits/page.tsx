import type { Metadata } from "next";
import Link from "next/link";
import { PurchaseHistory } from "@/components/billing/purchase-history";
import { GrantsTable } from "@/components/credits/grants-table";
import { LedgerTable } from "@/components/credits/ledger-table";
import { UsageCharts } from "@/components/credits/usage-charts";
import { PageContainer, PageHeader } from "@/components/layout/page";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { getCreditSummary } from "@/lib/data/credits";
import { listPurchases } from "@/lib/data/purchases";
import { getUsageByDay, getUsageByHour, getUsageTotals, listLedger } from "@/lib/data/usage-stats";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Credits" };
export const dynamic = "force-dynamic";

function pageNumber(value: string | string[] | undefined): number {
  const n = Number(typeof value === "string" ? value : 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card>
      <CardHeader className="gap-1 pb-5 sm:pb-6">
        <CardDescription>{label}</CardDescription>
        <p className="text-2xl font-semibold tracking-tight tabular-nums">{value}</p>
        {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      </CardHeader>
    </Card>
  );
}

export default async function MyCreditsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const user = await requireUser();
  const page = pageNumber((await searchParams).page);
  const now = new Date();
  // The summary first: it runs the expiry sweep, so the ledger below already shows it.
  const summary = await getCreditSummary({ userId: user.id, now });
  const [totals, byDay, byHour, ledger, purchases] = await Promise.all([
    getUsageTotals({ userId: user.id }),
    getUsageByDay({ userId: user.id, now }),
    getUsageByHour({ userId: user.id, now }),
    listLedger({ userId: user.id, page }),
    listPurchases({ userId: user.id }),
  ]);

  return (
    <PageContainer>
      <PageHeader
        title="Credits"
        description="Your balance, where it came from, when it expires, and what you used it for."
        actions={
          <Link href="/pricing" className={buttonVariants({ variant: "brand" })}>
            Buy credits
          </Link>
        }
      />

      <section aria-label="Totals" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Balance" value={`${formatNumber(summary.balance)} credits`} />
        <Stat
          label="Credits used"
          value={formatNumber(totals.totalConsumed)}
          hint="All time, net of refunds"
        />
        <Stat
          label="Requests"
          value={formatNumber(totals.totalRequests)}
          hint={`${formatNumber(totals.successfulRequests)} successful`}
        />
        <Stat
          label="Average tokens per request"
          value={formatNumber(totals.avgTokensPerRequest)}
          hint="Prompt + completion"
        />
      </section>

      <div className="mt-8 grid gap-8 lg:grid-cols-[1.4fr_1fr]">
        <Card className="min-w-0">
          <CardHeader>
            <h2 className="text-base font-semibold leading-tight tracking-tight">Usage</h2>
            <CardDescription>Requests and credits spent, in UTC.</CardDescription>
          </CardHeader>
          <CardContent>
            <UsageCharts byDay={byDay} byHour={byHour} />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <h2 className="text-base font-semibold leading-tight tracking-tight">Balance by grant</h2>
            <CardDescription>Credits that expire soonest are spent first.</CardDescription>
          </CardHeader>
          <CardContent>
            <GrantsTable grants={summary.grants} now={now} />
          </CardContent>
        </Card>
      </div>

      <section id="history" aria-labelledby="history-heading" className="mt-10 grid gap-4">
        <h2 id="history-heading" className="text-xl font-semibold tracking-tight">
          Credit history
        </h2>
        <LedgerTable rows={ledger.rows} page={ledger.page} pages={ledger.pages} total={ledger.total} />
      </section>

      <section aria-labelledby="purchases-heading" className="mt-10 grid gap-4">
        <h2 id="purchases-heading" className="text-xl font-semibold tracking-tight">
          Purchases
        </h2>
        <PurchaseHistory purchases={purchases} />
      </section>
    </PageContainer>
  );
}
