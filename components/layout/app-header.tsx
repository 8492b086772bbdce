"use client";

import { LogOutIcon, MenuIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import * as React from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { BalanceBadge } from "@/components/layout/balance-badge";
import { LogoMark } from "@/components/layout/logo";
import { APP_NAV, isActive } from "@/components/layout/nav-items";
import type { Me } from "@/components/layout/use-me";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { cn } from "@/lib/utils";

function signOut() {
  React.startTransition(() => signOutAction());
}

function MobileNav({ pathname, email }: { pathname: string; email: string }) {
  const [open, setOpen] = React.useState(false);
  // Close the sheet once a link has navigated.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  React.useEffect(() => setOpen(false), [pathname]);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open menu">
          <MenuIcon aria-hidden="true" />
        </Button>
      </DialogTrigger>
      <DialogContent className="top-0 left-0 max-h-dvh w-[min(20rem,85vw)] translate-x-0 translate-y-0 content-start rounded-none rounded-r-xl p-4">
        <DialogTitle className="flex items-center gap-2 text-base">
          <LogoMark className="size-6" /> Kimi Playground
        </DialogTitle>
        <DialogDescription className="truncate">{email}</DialogDescription>
        <nav aria-label="Main" className="grid gap-1">
          {APP_NAV.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={isActive(pathname, item.href) ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2.5 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-foreground",
                isActive(pathname, item.href) && "bg-accent text-foreground",
              )}
            >
              <item.icon className="size-4" aria-hidden="true" />
              {item.label}
            </Link>
          ))}
        </nav>
        <Button variant="outline" onClick={signOut} className="mt-2 justify-start">
          <LogOutIcon aria-hidden="true" /> Sign out
        </Button>
      </DialogContent>
    </Dialog>
  );
}

export function AppHeader({ email, me }: { email: string; me?: Me }) {
  const pathname = usePathname();
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:px-6">
        <MobileNav pathname={pathname} email={email} />
        <Link
          href="/playground"
          className="mr-2 flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <LogoMark />
          <span className="hidden sm:inline">Kimi Playground</span>
        </Link>
        <nav aria-label="Main" className="hidden items-center gap-0.5 lg:flex">
          {APP_NAV.map((item) => {
            const active = isActive(pathname, item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground",
                  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-accent text-foreground",
                )}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-1.5">
          <BalanceBadge initial={me} />
          <ThemeToggle />
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label="Account menu" className="rounded-full">
                <span className="flex size-7 items-center justify-center rounded-full bg-brand/15 text-xs font-semibold uppercase text-brand">
                  {email.slice(0, 1)}
                </span>
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-60">
              <DropdownMenuLabel className="truncate font-normal">
                Signed in as
                <span className="block truncate font-medium text-foreground">{email}</span>
              </DropdownMenuLabel>
              <DropdownMenuSeparator />
              {APP_NAV.filter((i) => ["/keys", "/activity", "/my-credits", "/invite"].includes(i.href)).map(
                (item) => (
                  <DropdownMenuItem key={item.href} asChild>
                    <Link href={item.href}>
                      <item.icon aria-hidden="true" />
                      {item.label}
                    </Link>
                  </DropdownMenuItem>
                ),
              )}
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={signOut}>
                <LogOutIcon aria-hidden="true" />
                Sign out
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </div>
    </header>
  );
}
