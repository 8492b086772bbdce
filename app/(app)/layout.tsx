import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/layout/app-header";
import { getSessionUser } from "@/lib/auth";
import { safeNextPath } from "@/lib/safe-next-path";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) {
    const next = safeNextPath((await headers()).get("x-kimi-path"));
    redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader email={user.email} />
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </div>
  );
}
