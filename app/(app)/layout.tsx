import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { AppHeader } from "@/components/layout/app-header";
import { getSessionUser } from "@/lib/auth";
import { SIGNUP_CREDITS } from "@/lib/billing/policy";
import { isEmailVerified } from "@/lib/data/email-tokens";
import { emailDelivery } from "@/lib/email/send";
import { safeNextPath } from "@/lib/safe-next-path";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) {
    const next = safeNextPath((await headers()).get("x-kimi-path"));
    redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  const unverified = emailDelivery() && !(await isEmailVerified({ userId: user.id }));
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader email={user.email} />
      {unverified ? <VerifyEmailBanner email={user.email} credits={SIGNUP_CREDITS} /> : null}
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </div>
  );
}
