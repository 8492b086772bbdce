import { SparklesIcon } from "lucide-react";
import { formatTokenCount, type ModelOption } from "@/lib/playground/models";

const EXAMPLE_PROMPTS = [
  "Explain the difference between a process and a thread, with an example.",
  "Write a Python function that chunks a list into pieces of size n.",
  "Give me three names for a coffee shop run by cats.",
];

export function EmptyThread({ model, onPick }: { model: ModelOption; onPick: (text: string) => void }) {
  return (
    <div className="mx-auto flex h-full max-w-xl flex-col items-center justify-center gap-4 px-4 py-10 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-brand/12 text-brand">
        <SparklesIcon className="size-6" aria-hidden="true" />
      </div>
      <div className="grid gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Chat with {model.name}</h1>
        <p className="text-sm text-muted-foreground">
          {model.description} {formatTokenCount(model.contextWindow)} context.
        </p>
      </div>
      <div className="grid w-full gap-2 sm:grid-cols-3">
        {EXAMPLE_PROMPTS.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => onPick(p)}
            className="rounded-xl border p-3 text-left text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {p}
          </button>
        ))}
      </div>
    </div>
  );
}
