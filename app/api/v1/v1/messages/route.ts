// POST /api/v1/v1/messages — alias of /api/v1/messages for Anthropic SDKs given base URL `<origin>/api/v1`.
// The SDKs append `/v1/messages` to their base URL, so the documented migration (`base_url=".../api/v1"`)
// lands here, while `<origin>/api` reaches /api/v1/messages directly. Both must work.
export { OPTIONS, POST } from "@/app/api/v1/messages/route";

export const dynamic = "force-dynamic";
