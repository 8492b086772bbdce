import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { getSessionUser } from "@/lib/auth";
import { safeNextPath } from "@/lib/safe-next-path";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) {
    const next = safeNextPath((await headers()).get("x-kimi-path"));
    redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  return (
    <AppShell userId={user.id} email={user.email}>
      {children}
    </AppShell>
  );
}
