import { MarketingShell } from "@/components/marketing/marketing-shell";
import { getSessionUser } from "@/lib/auth";

export default async function MarketingLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return <MarketingShell signedIn={user !== null}>{children}</MarketingShell>;
}
