"use client";

import { MessageList } from "@/components/playground/message-list";
import { ModelPicker } from "@/components/playground/model-picker";
import type { ChatThread } from "@/components/playground/use-chat-thread";
import type { ModelOption } from "@/lib/playground/models";

/** Two threads side by side, A on the playground's model and B on the model to compare with. */
export function CompareView({
  models,
  threads: [compareA, compareB],
  model,
  compareModel,
  onModel,
  onCompareModel,
  running,
}: {
  models: ModelOption[];
  threads: [ChatThread, ChatThread];
  model: ModelOption;
  compareModel: ModelOption;
  onModel: (id: string) => void;
  onCompareModel: (id: string) => void;
  running: boolean;
}) {
  return (
    <div className="grid min-h-0 flex-1 grid-rows-2 md:grid-cols-2 md:grid-rows-1 md:divide-x">
      {[
        { t: compareA, m: model, label: "Model", onModel },
        { t: compareB, m: compareModel, label: "Compare with", onModel: onCompareModel },
      ].map(({ t, m, label, onModel }, i) => (
        <div key={i} className="flex min-h-0 flex-col border-b md:border-b-0">
          <div className="flex items-center gap-2 border-b bg-muted/30 px-3 py-1.5">
            <span className="text-xs font-semibold text-muted-foreground">{i === 0 ? "A" : "B"}</span>
            <ModelPicker
              models={models}
              value={m.id}
              onChange={onModel}
              label={label}
              disabled={running}
              className="h-8 min-w-0 flex-initial bg-background"
            />
          </div>
          <MessageList
            label={`Replies from ${m.name}`}
            messages={t.messages}
            busy={running}
            actions={{}}
            empty={
              <p className="p-6 text-center text-sm text-muted-foreground">
                Send a message to compare {model.name} and {compareModel.name} side by side. Comparisons are
                not saved.
              </p>
            }
          />
        </div>
      ))}
    </div>
  );
}
