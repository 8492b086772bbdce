import Link from "next/link";
import { DOC_SECTIONS } from "@/components/marketing/docs/section-list";

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
          {s.toc ?? s.title}
        </Link>
      ))}
    </nav>
  );
}
