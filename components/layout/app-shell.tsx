import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { AppHeader } from "@/components/layout/app-header";
import { SIGNUP_CREDITS } from "@/lib/billing/policy";
import { isEmailVerified } from "@/lib/data/email-tokens";
import { getAccountSummary } from "@/lib/data/users";
import { emailDelivery } from "@/lib/email/send";

/**
 * The signed-in shell: the app header (navigation, balance, account menu) above the page. The
 * balance is rendered on the server, so it is there at first paint rather than after a fetch.
 */
export async function AppShell({
  userId,
  email,
  children,
}: {
  userId: string;
  email: string;
  children: React.ReactNode;
}) {
  // The header still works without it (it fetches /api/me), e.g. for an account deleted meanwhile.
  const me = await getAccountSummary({ userId }).catch(() => undefined);
  const unverified = emailDelivery() && !(await isEmailVerified({ userId }));
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader email={email} me={me} />
      {unverified ? <VerifyEmailBanner email={email} credits={SIGNUP_CREDITS} /> : null}
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </div>
  );
}
