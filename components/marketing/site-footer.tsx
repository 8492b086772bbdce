import Link from "next/link";
import { LogoMark } from "@/components/layout/logo";

const COLUMNS = [
  {
    title: "Product",
    links: [
      { href: "/playground", label: "Playground" },
      { href: "/pricing", label: "Pricing" },
      { href: "/#models", label: "Models" },
    ],
  },
  {
    title: "Developers",
    links: [
      { href: "/docs", label: "API docs" },
      { href: "/docs#errors", label: "Error codes" },
      { href: "/docs#rate-limits", label: "Rate limits" },
    ],
  },
  {
    title: "Account",
    links: [
      { href: "/register", label: "Create account" },
      { href: "/keys", label: "API keys" },
      { href: "/invite", label: "Invite friends" },
    ],
  },
];

export function SiteFooter() {
  return (
    <footer className="border-t bg-muted/30">
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-[1.5fr_repeat(3,1fr)]">
        <div className="grid content-start gap-3">
          <div className="flex items-center gap-2 font-semibold">
            <LogoMark className="size-6" /> Kimi Playground
          </div>
          <p className="max-w-xs text-sm text-muted-foreground">
            The Kimi K2 model family behind OpenAI- and Anthropic-compatible APIs, with a playground to try
            it.
          </p>
        </div>
        {COLUMNS.map((col) => (
          <nav key={col.title} aria-label={col.title} className="grid content-start gap-2.5">
            <p className="text-sm font-medium">{col.title}</p>
            {col.links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                className="text-sm text-muted-foreground hover:text-foreground"
              >
                {l.label}
              </Link>
            ))}
          </nav>
        ))}
      </div>
      <div className="border-t">
        <p className="mx-auto max-w-6xl px-4 py-5 text-xs text-muted-foreground sm:px-6">
          Kimi and Kimi K2 are models by Moonshot AI. This service is an independent gateway.
        </p>
      </div>
    </footer>
  );
}
