// GET|POST /api/auth/* — Auth.js endpoints (sign-in callbacks, session, CSRF, sign-out).
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
