import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { cookies, headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { z } from "zod";
import { endAuthSession, findAuthSessionUser, startAuthSession } from "@/lib/data/auth-sessions";
import {
  createUser,
  findUserByEmail,
  normaliseEmail,
  setOAuthProfile,
  verifyPassword,
} from "@/lib/data/users";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import { oauthSignUpWait } from "@/lib/oauth-signup";
import { safeCallbackUrl } from "@/lib/safe-next-path";
import { clearSignInFailures, recordSignInFailure, signInRetryAfter } from "@/lib/sign-in-throttle";

// Auth.js v5: email + password (Credentials, hence JWT sessions), plus GitHub and Google when
// their env vars are set. OAuth users are stored through the Prisma adapter, but created by
// createUser() so they get the sign-up grant, an invite code and their inviter's reward too.

/** Set by the register page before an OAuth redirect, read when the OAuth user is created. */
export const INVITE_COOKIE = "kimi_invite";
export const WRONG_CREDENTIALS = "Wrong email or password.";
const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

declare module "next-auth" {
  interface User {
    role?: string;
  }
}

/** The /login?error= type for an OAuth sign-up refused by the sign-up limit. */
export const SIGNUP_LIMIT_ERROR = "SignupLimit";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
  constructor(readonly retryAfter: number) {
    super("too many sign-in attempts");
  }
  /** What the sign-in form shows (Auth.js appends a docs link to `message`). */
  get userMessage(): string {
    return `Too many attempts, try again in ${this.retryAfter} s.`;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

// bcrypt of a random string: compared against when the email is unknown, so both cases take as long.
const DUMMY_HASH = "$2b$10$.T2G1a85bOEW.5dU6ADKBey3ajEEtX/Sd7di0pT.OwWfztXi0TG3K";

async function authorizeCredentials(input: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidCredentials();
  const email = normaliseEmail(parsed.data.email);
  const ip = clientIp(request.headers);
  const wait = await signInRetryAfter({ email, ip });
  if (wait > 0) throw new TooManyAttempts(wait);

  const user = await findUserByEmail(email);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !ok) {
    await recordSignInFailure({ email, ip });
    throw new InvalidCredentials();
  }
  await clearSignInFailures({ email, ip });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function oauthAdapter(): Adapter {
  const base = PrismaAdapter(db());
  return {
    ...base,
    async createUser(data: AdapterUser): Promise<AdapterUser> {
      const inviteCode = (await cookies()).get(INVITE_COOKIE)?.value ?? null;
      const created = await createUser({ email: data.email, name: data.name ?? null, inviteCode });
      // GitHub and Google hand out only addresses they have verified: such an account is confirmed,
      // and got its sign-up grant above.
      const user = await setOAuthProfile({
        userId: created.id,
        image: data.image ?? null,
        emailVerified: data.emailVerified ?? new Date(),
      });
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        image: user.image,
        emailVerified: user.emailVerified,
      };
    },
  };
}

function providers(): NextAuthConfig["providers"] {
  const e = env();
  const list: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: authorizeCredentials,
    }),
  ];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  return list;
}

/** Which OAuth buttons the sign-in pages show. */
export function oauthProviders(): Array<{ id: "github" | "google"; name: string }> {
  const e = env();
  const list: Array<{ id: "github" | "google"; name: string }> = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

// Sessions are JWT cookies (Credentials requires it) that name a server-side AuthSession row;
// every session read looks the row up with its user, so deleting the row ends the cookie at once.
// Cookies from before the rows existed carry no id: their holders sign in once more.

/** A database failure while reading a session: logged as an error, not as a bad cookie. */
class SessionLookupFailed extends Error {}

async function sessionUser(token: JWT): Promise<SessionUser | null> {
  if (typeof token.sid !== "string" || !token.sub) return null;
  const user = await findAuthSessionUser({ id: token.sid }).catch((error: unknown) => {
    throw new SessionLookupFailed("session lookup failed", { cause: error });
  });
  return user?.id === token.sub ? user : null;
}

// What the jwt callback found, handed to the session callback of the same read (the token is
// the very object passed on) without writing it into the cookie.
const foundUsers = new WeakMap<JWT, SessionUser>();

// The config is built per request (lazily), so `next build` needs no secret or database.
export const { auth, signIn, signOut, handlers } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  adapter: oauthAdapter(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: providers(),
  // Session cookies: Auth.js's defaults are HttpOnly, SameSite=Lax, Path=/, and Secure with a
  // __Secure- prefix whenever the deployment is served over https.
  callbacks: {
    // A GitHub/Google sign-in that would create an account counts as a sign-up from its address.
    async signIn({ user, account }) {
      if (account?.type !== "oauth" && account?.type !== "oidc") return true;
      const ip = clientIp(await headers());
      const wait = await oauthSignUpWait({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: user.email,
        ip,
      });
      return wait > 0 ? `/login?error=${SIGNUP_LIMIT_ERROR}` : true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        // Signing in (credentials or OAuth): a new server-side session.
        token.sub = user.id;
        token.sid = (await startAuthSession({ userId: user.id, maxAgeS: SESSION_MAX_AGE_S })).id;
        return token;
      }
      const found = await sessionUser(token);
      if (!found) return null; // signed out, password changed, expired or deleted user
      foundUsers.set(token, found);
      return token;
    },
    session({ session, token }) {
      const found = foundUsers.get(token);
      if (found) session.user = { ...session.user, id: found.id, email: found.email, role: found.role };
      return session;
    },
    redirect({ url, baseUrl }) {
      return safeCallbackUrl(url, baseUrl);
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endAuthSession({ id: sid });
    },
  },
  logger: {
    // Auth.js names its errors by `type`: their class names are minified in the production build.
    // Never the request or its cookies: only the type and Auth.js's own message.
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      // A wrong password is not a server error.
      if (error instanceof CredentialsSignin || type === "CredentialsSignin") return;
      // A session cookie that does not decrypt (forged, or sealed before AUTH_SECRET changed): the
      // visitor is signed out, as they should be; worth a warning, not an error.
      if (type === "JWTSessionError") {
        const cause = (error.cause as { err?: unknown } | undefined)?.err;
        if (cause instanceof SessionLookupFailed)
          return logger.error({ type, err: cause.cause }, "the session could not be read");
        return logger.warn({ type }, "a session cookie that does not decrypt was ignored");
      }
      logger.error({ type, message: error.message }, "Auth.js error");
    },
    warn(code) {
      if (code !== "debug-enabled") logger.warn({ code }, "Auth.js warning");
    },
  },
}));

export interface SessionUser {
  id: string;
  email: string;
  role: string;
}

/**
 * The signed-in user, or null. The jwt callback has checked the session's row and read the user
 * with it, so a signed-out session, a changed password or a deleted user all give null.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const user = (await auth())?.user;
  if (!user?.id || !user.email || !user.role) return null;
  return { id: user.id, email: user.email, role: user.role };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
