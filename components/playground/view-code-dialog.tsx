"use client";

import { CodeIcon } from "lucide-react";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { ChatBody } from "@/lib/playground/settings";
import { buildSnippets, type SnippetLanguage, type SnippetStyle } from "@/lib/playground/snippets";

const LANGUAGES: Array<{ id: SnippetLanguage; label: string; highlight: string }> = [
  { id: "curl", label: "curl", highlight: "bash" },
  { id: "python", label: "Python", highlight: "python" },
  { id: "node", label: "Node", highlight: "javascript" },
];

const STYLES: Array<{ id: SnippetStyle; label: string }> = [
  { id: "openai", label: "OpenAI" },
  { id: "responses", label: "Responses" },
  { id: "anthropic", label: "Anthropic" },
];

/** The current conversation and settings as code that runs against this deployment. */
export function ViewCodeDialog({ body, origin }: { body: () => ChatBody; origin: string }) {
  const [open, setOpen] = React.useState(false);
  const [style, setStyle] = React.useState<SnippetStyle>("openai");
  const [language, setLanguage] = React.useState<SnippetLanguage>("curl");
  // Built when the dialog opens, from the settings and messages of that moment.
  const snippets = React.useMemo(
    () => (open ? buildSnippets(origin || window.location.origin, body()) : null),
    [open, origin, body],
  );

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" className="h-9">
          <CodeIcon aria-hidden="true" />
          <span className="hidden sm:inline">View code</span>
          <span className="sr-only sm:hidden">View code</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>View code</DialogTitle>
          <DialogDescription>
            This conversation and its settings as an API request. Replace the placeholder key with one from{" "}
            <a href="/keys" className="text-brand underline underline-offset-2">
              API keys
            </a>
            .
          </DialogDescription>
        </DialogHeader>
        {snippets ? (
          <Tabs value={style} onValueChange={(v) => setStyle(v as SnippetStyle)} className="min-w-0">
            <TabsList aria-label="API style">
              {STYLES.map((st) => (
                <TabsTrigger key={st.id} value={st.id}>
                  {st.label}
                </TabsTrigger>
              ))}
            </TabsList>
            {STYLES.map(({ id: s, label: styleLabel }) => (
              <TabsContent key={s} value={s} className="min-w-0">
                <Tabs
                  value={language}
                  onValueChange={(v) => setLanguage(v as SnippetLanguage)}
                  className="min-w-0"
                >
                  <TabsList aria-label="Language">
                    {LANGUAGES.map((l) => (
                      <TabsTrigger key={l.id} value={l.id}>
                        {l.label}
                      </TabsTrigger>
                    ))}
                  </TabsList>
                  {LANGUAGES.map((l) => (
                    <TabsContent key={l.id} value={l.id} className="grid min-w-0 gap-2">
                      <CodeBlock
                        code={snippets[s][l.id]}
                        language={l.highlight}
                        title={`${styleLabel} · ${l.label}`}
                        copyLabel="Copy code"
                        className="max-h-[55dvh] overflow-y-auto"
                      />
                      {snippets[s].omitted.length > 0 ? (
                        <p className="text-xs text-muted-foreground">
                          Not expressible in the {styleLabel} format, left out:{" "}
                          {snippets[s].omitted.join(", ")}.
                        </p>
                      ) : null}
                    </TabsContent>
                  ))}
                </Tabs>
              </TabsContent>
            ))}
          </Tabs>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
