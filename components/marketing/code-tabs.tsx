import type { CodeExample } from "@/components/marketing/code-examples";
import { CodeBlock } from "@/components/ui/code-block";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";

/** Tabs of copyable code examples (one per language). */
export function CodeTabs({
  examples,
  label,
  className,
}: {
  examples: CodeExample[];
  /** Names the tab list for screen readers, e.g. "Quick start language". */
  label: string;
  className?: string;
}) {
  const first = examples[0];
  if (!first) return null;
  return (
    <Tabs defaultValue={first.id} className={cn("min-w-0", className)}>
      <TabsList aria-label={label}>
        {examples.map((e) => (
          <TabsTrigger key={e.id} value={e.id}>
            {e.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {examples.map((e) => (
        <TabsContent key={e.id} value={e.id} className="mt-2">
          <CodeBlock code={e.code} language={e.language} copyLabel={`Copy ${e.label} example`} />
        </TabsContent>
      ))}
    </Tabs>
  );
}
