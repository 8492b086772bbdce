import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Playground } from "@/components/playground/playground";
import { getSessionUser } from "@/lib/auth";
import { getConversation, getUserSettings } from "@/lib/data/conversations";
import { env } from "@/lib/env";
import { playgroundModels } from "@/lib/playground/server";
import { defaultSettings, pickModel, readSettings } from "@/lib/playground/settings";

export const metadata: Metadata = { title: "Playground" };
export const dynamic = "force-dynamic";

/** The deployment's public origin for "View code": PUBLIC_URL when set, else the Host the browser used. */
async function publicOrigin(): Promise<string> {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host");
  if (!host) return "";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}

export default async function PlaygroundPage({
  searchParams,
}: {
  searchParams: Promise<{ c?: string | string[] }>;
}) {
  // The layout redirects too, but layouts and pages render concurrently.
  const user = await getSessionUser();
  if (!user) redirect("/login?next=/playground");
  const models = playgroundModels();
  const fallback = pickModel(models, undefined);
  if (!fallback) {
    return (
      <div className="mx-auto max-w-xl p-8 text-center">
        <h1 className="text-xl font-semibold">No model is available</h1>
        <p className="mt-2 text-muted-foreground">
          No upstream is configured. Ask the operator to set one up.
        </p>
      </div>
    );
  }
  const { c } = await searchParams;
  const conversationId = typeof c === "string" && c.length <= 64 ? c : null;
  const [stored, conversation, origin] = await Promise.all([
    getUserSettings({ userId: user.id }),
    conversationId ? getConversation({ userId: user.id, id: conversationId }) : Promise.resolve(null),
    publicOrigin(),
  ]);
  const initialSettings = readSettings(stored, models) ?? defaultSettings(fallback);
  return (
    <Playground
      models={models}
      initialSettings={initialSettings}
      initialConversation={conversation}
      missingConversation={Boolean(conversationId) && !conversation}
      origin={origin}
    />
  );
}
