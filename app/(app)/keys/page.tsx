import type { Metadata } from "next";
import Link from "next/link";
import { KeysView } from "@/components/keys/keys-view";
import { PageContainer, PageHeader } from "@/components/layout/page";

export const metadata: Metadata = { title: "API keys" };

export default function KeysPage() {
  return (
    <PageContainer>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys authenticate your requests to the API. Each request costs credits from your balance.{" "}
            <Link
              href="/docs#authentication"
              className="font-medium text-foreground underline-offset-4 hover:underline"
            >
              How to use them
            </Link>
          </>
        }
      />
      <KeysView />
    </PageContainer>
  );
}
