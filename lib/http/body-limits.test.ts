import { describe, expect, it } from "vitest";
import { CONVERSATION_BODY_LIMIT } from "@/lib/playground/conversation";
import { bodyLimitFor, SESSION_BODY_LIMIT, STRIPE_EVENT_LIMIT } from "./body-limits";

const API = 1_048_576;

describe("bodyLimitFor", () => {
  it.each([
    ["/api/webhooks/stripe", STRIPE_EVENT_LIMIT],
    ["/api/conversations", CONVERSATION_BODY_LIMIT],
    ["/api/conversations/c1", CONVERSATION_BODY_LIMIT],
    ["/api/conversations/c1/messages", CONVERSATION_BODY_LIMIT],
    ["/api/playground/chat", API],
    ["/api/v1/embeddings", API],
    ["/api/v1/chat/completions", API],
    // Pages, Auth.js, forms, server actions and the dashboard's other routes.
    ["/", SESSION_BODY_LIMIT],
    ["/login", SESSION_BODY_LIMIT],
    ["/playground", SESSION_BODY_LIMIT],
    ["/api/auth/callback/credentials", SESSION_BODY_LIMIT],
    ["/api/auth/register", SESSION_BODY_LIMIT],
    ["/api/enterprise", SESSION_BODY_LIMIT],
    ["/api/keys", SESSION_BODY_LIMIT],
    ["/api/playground/settings", SESSION_BODY_LIMIT],
    ["/api/billing/checkout", SESSION_BODY_LIMIT],
    // Spelled otherwise than the routes: never more room.
    ["/api/webhooks/stripe/", SESSION_BODY_LIMIT],
    ["/api/webhooks/stripe-x", SESSION_BODY_LIMIT],
    ["/API/conversations", SESSION_BODY_LIMIT],
    ["/api/conversationsx", SESSION_BODY_LIMIT],
    ["//api/conversations", SESSION_BODY_LIMIT],
    ["/api/%63onversations", SESSION_BODY_LIMIT],
    ["/api/playground/chat/x", SESSION_BODY_LIMIT],
    ["/api/v1", SESSION_BODY_LIMIT],
    ["http://evil.example/api/conversations", SESSION_BODY_LIMIT],
    ["", SESSION_BODY_LIMIT],
  ])("%s → %i bytes", (path, limit) => {
    expect(bodyLimitFor(path, API)).toBe(limit);
  });

  it("the API's class follows MAX_BODY_BYTES", () => {
    expect(bodyLimitFor("/api/playground/chat", 2_000_000)).toBe(2_000_000);
    expect(bodyLimitFor("/api/v1/nope", 10)).toBe(10);
  });
});
