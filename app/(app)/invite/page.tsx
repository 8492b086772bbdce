import type { Metadata } from "next";
import { InviteView } from "@/components/invite/invite-view";
import { PageContainer, PageHeader } from "@/components/layout/page";
import { INVITE_PURCHASE_REWARD, INVITE_SIGNUP_REWARD } from "@/lib/billing/policy";

export const metadata: Metadata = { title: "Invite" };

export default function InvitePage() {
  return (
    <PageContainer>
      <PageHeader
        title="Invite friends"
        description={`Earn ${INVITE_SIGNUP_REWARD} credits for every person who signs up with your link, and ${INVITE_PURCHASE_REWARD} more when they first buy credits.`}
      />
      <InviteView />
    </PageContainer>
  );
}
