// GET /api/conversations/:id — one conversation with its messages; PATCH renames it or saves its settings; DELETE removes it.
import { deleteConversation, getConversation, updateConversation } from "@/lib/data/conversations";
import { withSession } from "@/lib/http/session";
import { updateConversationSchema } from "@/lib/playground/conversation";
import { conversationNotFound, parseConversationBody } from "../body";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = withSession<undefined, Params>(async ({ user, params }) => {
  const conversation = await getConversation({ userId: user.id, id: params.id });
  if (!conversation) throw conversationNotFound();
  return { conversation };
});

export const PATCH = withSession<undefined, Params>(async ({ req, user, params }) => {
  const body = await parseConversationBody(req, updateConversationSchema);
  const conversation = await updateConversation({ userId: user.id, id: params.id, ...body });
  if (!conversation) throw conversationNotFound();
  return { conversation };
});

export const DELETE = withSession<undefined, Params>(async ({ user, params }) => {
  if (!(await deleteConversation({ userId: user.id, id: params.id }))) throw conversationNotFound();
  return { ok: true };
});
