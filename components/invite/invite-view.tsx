"use client";

import { useQuery } from "@tanstack/react-query";
import {
  CoinsIcon,
  GiftIcon,
  ShoppingCartIcon,
  TriangleAlertIcon,
  UserPlusIcon,
  UsersIcon,
} from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { INVITE_PURCHASE_REWARD, INVITE_SIGNUP_REWARD, SIGNUP_CREDITS } from "@/lib/billing/policy";
import { fetchJson } from "@/lib/fetch-json";
import { formatDate, formatNumber } from "@/lib/format";

interface InviteData {
  code: string;
  link: string;
  creditsEarned: number;
  invitees: Array<{ email: string; joinedAt: string; creditsEarned: number; purchased: boolean }>;
}

export const INVITE_QUERY_KEY = ["invite"] as const;

function Stat({ icon: Icon, label, value }: { icon: typeof UsersIcon; label: string; value: string }) {
  return (
    <Card className="flex-row items-center gap-4 p-5">
      <div className="flex size-10 items-center justify-center rounded-lg bg-brand/10 text-brand">
        <Icon className="size-5" aria-hidden="true" />
      </div>
      <div>
        <p className="text-sm text-muted-foreground">{label}</p>
        <p className="text-2xl font-semibold tabular-nums tracking-tight">{value}</p>
      </div>
    </Card>
  );
}

const STEPS = [
  {
    icon: UserPlusIcon,
    title: "Share your link",
    text: `Anyone who signs up with it gets the usual ${SIGNUP_CREDITS} free credits.`,
  },
  {
    icon: CoinsIcon,
    title: `+${INVITE_SIGNUP_REWARD} credits`,
    text: "For you, as soon as they create their account.",
  },
  {
    icon: ShoppingCartIcon,
    title: `+${INVITE_PURCHASE_REWARD} credits`,
    text: "For you, when they buy credits for the first time.",
  },
];

export function InviteView() {
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: INVITE_QUERY_KEY,
    queryFn: () => fetchJson<InviteData>("/api/invite"),
  });

  if (isError) {
    return (
      <EmptyState
        icon={TriangleAlertIcon}
        title="Could not load your invites"
        description="Check your connection and try again."
        action={
          <Button variant="outline" onClick={() => refetch()}>
            Retry
          </Button>
        }
      />
    );
  }

  return (
    <div className="grid gap-6">
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader>
            <CardTitle>Your invite link</CardTitle>
            <CardDescription>
              Each person can be invited once; rewards are paid once per person.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <div className="grid gap-2">
              <Label htmlFor="invite-link">Invite link</Label>
              <div className="flex gap-2">
                {data ? (
                  <Input
                    id="invite-link"
                    readOnly
                    value={data.link}
                    onFocus={(e) => e.currentTarget.select()}
                    className="font-mono text-xs sm:text-sm"
                  />
                ) : (
                  <Skeleton className="h-9 flex-1" />
                )}
                <CopyButton
                  value={data?.link ?? ""}
                  label="Copy link"
                  showText
                  variant="default"
                  size="default"
                  toastMessage="Invite link copied"
                />
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <span className="text-sm text-muted-foreground">Invite code</span>
              {data ? (
                <span className="rounded-md border bg-muted/50 px-2.5 py-1 font-mono text-sm font-semibold tracking-widest">
                  {data.code}
                </span>
              ) : (
                <Skeleton className="h-7 w-28" />
              )}
              {data ? (
                <CopyButton value={data.code} label="Copy invite code" toastMessage="Invite code copied" />
              ) : null}
            </div>
            <ol className="grid gap-3 border-t pt-5 sm:grid-cols-3">
              {STEPS.map((step, i) => (
                <li key={step.title} className="flex gap-3 sm:flex-col sm:gap-2">
                  <div className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
                    <step.icon className="size-4" aria-hidden="true" />
                  </div>
                  <div>
                    <p className="text-sm font-medium">
                      <span className="sr-only">Step {i + 1}: </span>
                      {step.title}
                    </p>
                    <p className="text-sm text-muted-foreground">{step.text}</p>
                  </div>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
        <div className="grid content-start gap-4 sm:grid-cols-2 lg:grid-cols-1">
          <Stat
            icon={UsersIcon}
            label="People invited"
            value={data ? formatNumber(data.invitees.length) : "–"}
          />
          <Stat
            icon={GiftIcon}
            label="Credits earned"
            value={data ? formatNumber(data.creditsEarned) : "–"}
          />
        </div>
      </div>

      <section aria-labelledby="invitees-heading" className="grid gap-3">
        <h2 id="invitees-heading" className="text-lg font-semibold tracking-tight">
          Invited people
        </h2>
        {isPending ? (
          <Card className="gap-3 p-5" aria-busy="true" aria-label="Loading invited people">
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-4 w-1/3" />
          </Card>
        ) : data.invitees.length === 0 ? (
          <EmptyState
            icon={UsersIcon}
            title="No one yet"
            description="When someone signs up with your link, they appear here with the credits they earned you."
          />
        ) : (
          <Card className="overflow-hidden">
            <Table aria-label="Invited people">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="pl-5">Email</TableHead>
                  <TableHead className="hidden sm:table-cell">Joined</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="pr-5 text-right">You earned</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.invitees.map((i, index) => (
                  <TableRow key={`${i.email}-${index}`}>
                    <TableCell className="pl-5 font-mono text-xs sm:text-sm">{i.email}</TableCell>
                    <TableCell className="hidden whitespace-nowrap sm:table-cell">
                      {formatDate(i.joinedAt)}
                    </TableCell>
                    <TableCell>
                      {i.purchased ? (
                        <Badge variant="success">Purchased</Badge>
                      ) : (
                        <Badge variant="secondary">Signed up</Badge>
                      )}
                    </TableCell>
                    <TableCell className="pr-5 text-right tabular-nums">
                      +{formatNumber(i.creditsEarned)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
        )}
      </section>
    </div>
  );
}
