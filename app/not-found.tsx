import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "@/components/layout/app-shell";
import { MarketingShell } from "@/components/marketing/marketing-shell";
import { buttonVariants } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Page not found" };

// Any unknown address: inside the shell the visitor came from, with a way back.
export default async function NotFound() {
  const user = await getSessionUser();
  const content = (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center gap-4 px-4 py-20 text-center">
      <p className="font-mono text-sm font-medium text-brand">404</p>
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">This page does not exist</h1>
      <p className="text-muted-foreground">
        The link may be old or mistyped.
        {user ? " Nothing was lost: your conversations, keys and credits are where you left them." : null}
      </p>
      <div className="mt-2 flex flex-wrap justify-center gap-2">
        <Link href={user ? "/playground" : "/"} className={buttonVariants({ variant: "brand" })}>
          {user ? "Back to the playground" : "Back to the home page"}
        </Link>
        <Link href="/docs" className={buttonVariants({ variant: "outline" })}>
          API docs
        </Link>
      </div>
    </div>
  );
  return user ? (
    <AppShell userId={user.id} email={user.email}>
      {content}
    </AppShell>
  ) : (
    <MarketingShell signedIn={false}>{content}</MarketingShell>
  );
}
