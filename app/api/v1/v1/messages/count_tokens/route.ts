// POST /api/v1/v1/messages/count_tokens — alias of /api/v1/messages/count_tokens for base URL `<origin>/api/v1`.
export { OPTIONS, POST } from "@/app/api/v1/messages/count_tokens/route";

export const dynamic = "force-dynamic";
