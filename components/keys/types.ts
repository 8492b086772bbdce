/** An API key as GET /api/keys returns it (dates as ISO strings). */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
  usage: { requests: number; credits: number };
}

export interface ApiKeyList {
  data: ApiKeyRow[];
  maxActive: number;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  key: string;
}

export const KEYS_QUERY_KEY = ["keys"] as const;
