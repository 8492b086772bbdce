import { AppShell } from "@/components/layout/app-shell";
import { MarketingShell } from "@/components/marketing/marketing-shell";
import { getSessionUser } from "@/lib/auth";

// Pricing and the docs are public, but a signed-in visitor (buying credits, looking up an error)
// stays inside the app shell, with the balance and the app's navigation.
export default async function SharedLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (user)
    return (
      <AppShell userId={user.id} email={user.email}>
        {children}
      </AppShell>
    );
  return <MarketingShell signedIn={false}>{children}</MarketingShell>;
}
