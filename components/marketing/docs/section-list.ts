import type { DocsContext } from "@/components/marketing/docs/context";
import { BillingSection } from "@/components/marketing/docs/sections/billing";
import {
  ChatCompletionsSection,
  StreamingSection,
  ThinkingSection,
  ToolsSection,
} from "@/components/marketing/docs/sections/chat";
import {
  ErrorsSection,
  RateLimitsSection,
  TimeoutsSection,
} from "@/components/marketing/docs/sections/errors";
import {
  AuthenticationSection,
  EndpointsSection,
  ModelsSection,
  OverviewSection,
} from "@/components/marketing/docs/sections/getting-started";
import {
  CreditsApiSection,
  MessagesSection,
  SdksSection,
} from "@/components/marketing/docs/sections/messages";
import { ResponsesSection } from "@/components/marketing/docs/sections/responses";

export interface DocSectionEntry {
  id: string;
  title: string;
  /** The table of contents' shorter label, when it differs from the heading. */
  toc?: string;
  Content: (ctx: DocsContext) => React.ReactNode;
}

/** The docs page's sections in order; the page and its table of contents both render from this. */
export const DOC_SECTIONS: readonly DocSectionEntry[] = [
  { id: "overview", title: "Overview", Content: OverviewSection },
  { id: "authentication", title: "Authentication", Content: AuthenticationSection },
  { id: "endpoints", title: "Endpoints", Content: EndpointsSection },
  { id: "models", title: "Models", Content: ModelsSection },
  { id: "chat-completions", title: "Chat completions", Content: ChatCompletionsSection },
  { id: "streaming", title: "Streaming", Content: StreamingSection },
  { id: "thinking", title: "Thinking models", Content: ThinkingSection },
  { id: "tools", title: "Tool calling", Content: ToolsSection },
  { id: "responses", title: "Responses API", Content: ResponsesSection },
  {
    id: "messages",
    title: "Messages (Anthropic format)",
    toc: "Messages (Anthropic)",
    Content: MessagesSection,
  },
  { id: "credits-endpoint", title: "Credits & usage API", Content: CreditsApiSection },
  { id: "errors", title: "Errors", Content: ErrorsSection },
  { id: "rate-limits", title: "Rate limits", Content: RateLimitsSection },
  { id: "billing", title: "Credits & billing", Content: BillingSection },
  { id: "timeouts", title: "Timeouts", Content: TimeoutsSection },
  { id: "sdks", title: "SDK examples", Content: SdksSection },
];
