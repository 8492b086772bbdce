"use client";

import { SearchIcon } from "lucide-react";
import * as React from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

// The docs' table of contents (the section in view highlighted) and its search box, which hides
// the sections, and their contents entries, that do not mention what was typed.

export interface TocEntry {
  id: string;
  label: string;
}

/** The id of the last section whose top has passed just under the sticky header. */
function useSectionInView(sections: readonly TocEntry[]): string | null {
  const [current, setCurrent] = React.useState<string | null>(null);
  React.useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      let found: string | null = null;
      for (const s of sections) {
        const el = document.getElementById(s.id);
        if (!el || el.hidden) continue;
        if (el.getBoundingClientRect().top <= 120) found = s.id;
        else break;
      }
      setCurrent(found ?? sections.find((s) => !document.getElementById(s.id)?.hidden)?.id ?? null);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("docs-filter", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("docs-filter", onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [sections]);
  return current;
}

export function DocsToc({ sections }: { sections: readonly TocEntry[] }) {
  const current = useSectionInView(sections);
  return (
    <nav aria-label="On this page" className="grid gap-0.5 text-sm">
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">On this page</p>
      {sections.map((s) => (
        <a
          key={s.id}
          href={`#${s.id}`}
          data-toc-section={s.id}
          aria-current={current === s.id ? "location" : undefined}
          className={cn(
            "rounded-md border-l-2 border-transparent px-2 py-1.5 text-muted-foreground transition-colors hover:bg-accent hover:text-foreground",
            current === s.id && "border-brand bg-accent font-medium text-foreground",
          )}
        >
          {s.label}
        </a>
      ))}
    </nav>
  );
}

export function DocsSearch({ sections }: { sections: readonly TocEntry[] }) {
  const [query, setQuery] = React.useState("");
  const [shown, setShown] = React.useState(sections.length);
  const term = query.trim().toLowerCase();

  React.useEffect(() => {
    let count = 0;
    for (const s of sections) {
      const section = document.getElementById(s.id);
      const match = term === "" || (section?.textContent ?? "").toLowerCase().includes(term);
      if (section) section.hidden = !match;
      for (const link of document.querySelectorAll<HTMLElement>(`[data-toc-section="${s.id}"]`)) {
        link.hidden = !match;
      }
      if (match) count++;
    }
    setShown(count);
    window.dispatchEvent(new Event("docs-filter"));
  }, [term, sections]);

  return (
    <search className="grid gap-1.5">
      <label htmlFor="docs-search" className="sr-only">
        Search the docs
      </label>
      <div className="relative max-w-md">
        <SearchIcon
          className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden="true"
        />
        <Input
          id="docs-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search the docs…"
          className="pl-9"
          aria-describedby="docs-search-status"
        />
      </div>
      <p id="docs-search-status" aria-live="polite" className="text-sm text-muted-foreground empty:sr-only">
        {term === ""
          ? ""
          : shown === 0
            ? `No section mentions “${query.trim()}”.`
            : `${shown} of ${sections.length} sections mention “${query.trim()}”.`}
      </p>
    </search>
  );
}
