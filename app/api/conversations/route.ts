// GET /api/conversations — the signed-in user's saved playground conversations; POST creates one.
import { createConversation, listConversations } from "@/lib/data/conversations";
import { withSession } from "@/lib/http/session";
import { createConversationSchema } from "@/lib/playground/conversation";
import { parseConversationBody } from "./body";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) => ({
  conversations: await listConversations({ userId: user.id }),
}));

export const POST = withSession(async ({ req, user }) => {
  const body = await parseConversationBody(req, createConversationSchema);
  const saved = await createConversation({ userId: user.id, ...body });
  return Response.json(saved, { status: 201, headers: { "Cache-Control": "no-store" } });
});
