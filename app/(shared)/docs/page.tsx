import type { Metadata } from "next";
import { headers } from "next/headers";
import { docsContext } from "@/components/marketing/docs/context";
import { DocSection, Prose } from "@/components/marketing/docs/doc-parts";
import { DocsSearch, DocsToc } from "@/components/marketing/docs/docs-toc";
import { DOC_SECTIONS } from "@/components/marketing/docs/section-list";
import { requestOrigin } from "@/lib/request-origin";

export const metadata: Metadata = {
  title: "API documentation",
  description: "Endpoints, authentication, models, parameters, streaming, errors, rate limits and billing.",
};

export const dynamic = "force-dynamic";

export default async function DocsPage() {
  const ctx = docsContext(requestOrigin(await headers()));
  const toc = DOC_SECTIONS.map((s) => ({ id: s.id, label: s.toc ?? s.title }));

  return (
    <div className="mx-auto grid max-w-6xl gap-10 px-4 py-10 sm:px-6 lg:grid-cols-[13rem_minmax(0,1fr)] lg:py-14">
      <aside className="hidden lg:block">
        <div className="sticky top-20 max-h-[calc(100dvh-6rem)] overflow-y-auto pb-6">
          <DocsToc sections={toc} />
        </div>
      </aside>
      <article className="grid min-w-0 gap-10">
        <header className="grid gap-3">
          <p className="text-sm font-medium text-brand">API reference</p>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Kimi Playground API</h1>
          <Prose className="max-w-3xl text-base">
            Programmatic access to the Kimi K2 model family in the OpenAI Chat Completions and Anthropic
            Messages formats. Every example on this page runs against this deployment as shown, once you put
            in your key.
          </Prose>
          <details className="rounded-lg border p-3 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium">Contents</summary>
            <div className="mt-2">
              <DocsToc sections={toc} />
            </div>
          </details>
          <DocsSearch sections={toc} />
        </header>

        {DOC_SECTIONS.map(({ id, title, Content }) => (
          <DocSection key={id} id={id} title={title}>
            <Content {...ctx} />
          </DocSection>
        ))}
      </article>
    </div>
  );
}
