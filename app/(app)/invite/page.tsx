import type { Metadata } from "next";
import { InviteView } from "@/components/invite/invite-view";
import { PageContainer, PageHeader } from "@/components/layout/page";

export const metadata: Metadata = { title: "Invite" };

export default function InvitePage() {
  return (
    <PageContainer>
      <PageHeader
        title="Invite friends"
        description="Earn 50 credits for every person who signs up with your link, and 500 more when they first buy credits."
      />
      <InviteView />
    </PageContainer>
  );
}
