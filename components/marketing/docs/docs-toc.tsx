import Link from "next/link";

export const DOC_SECTIONS = [
  { id: "overview", title: "Overview" },
  { id: "authentication", title: "Authentication" },
  { id: "endpoints", title: "Endpoints" },
  { id: "models", title: "Models" },
  { id: "chat-completions", title: "Chat completions" },
  { id: "streaming", title: "Streaming" },
  { id: "thinking", title: "Thinking models" },
  { id: "tools", title: "Tool calling" },
  { id: "messages", title: "Messages (Anthropic)" },
  { id: "credits-endpoint", title: "Credits & usage API" },
  { id: "errors", title: "Errors" },
  { id: "rate-limits", title: "Rate limits" },
  { id: "billing", title: "Credits & billing" },
  { id: "timeouts", title: "Timeouts" },
  { id: "sdks", title: "SDK examples" },
] as const;

export function DocsToc() {
  return (
    <nav aria-label="On this page" className="grid gap-0.5 text-sm">
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">On this page</p>
      {DOC_SECTIONS.map((s) => (
        <Link
          key={s.id}
          href={`#${s.id}`}
          className="rounded-md px-2 py-1.5 text-muted-foreground transition-colors hover:bg-accent hover:text-foreground"
        >
          {s.title}
        </Link>
      ))}
    </nav>
  );
}
