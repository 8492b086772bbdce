// PUT /api/conversations/:id/messages — replaces the conversation's messages (and optionally its settings) after a turn, an edit or a delete.
import { replaceMessages } from "@/lib/data/conversations";
import { withSession } from "@/lib/http/session";
import { replaceMessagesSchema } from "@/lib/playground/conversation";
import { conversationNotFound, parseConversationBody } from "../../body";

export const dynamic = "force-dynamic";

export const PUT = withSession<undefined, { id: string }>(async ({ req, user, params }) => {
  const body = await parseConversationBody(req, replaceMessagesSchema);
  const saved = await replaceMessages({ userId: user.id, id: params.id, ...body });
  if (!saved) throw conversationNotFound();
  return saved;
});
