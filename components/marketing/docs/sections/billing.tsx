import Link from "next/link";
import { C, DataTable, Prose } from "@/components/marketing/docs/doc-parts";
import { formatCents } from "@/lib/billing/packages";
import { INVITE_PURCHASE_REWARD, INVITE_SIGNUP_REWARD, PACKAGES, SIGNUP_CREDITS } from "@/lib/billing/policy";
import { formatNumber } from "@/lib/format";

export function BillingSection() {
  return (
    <>
      <ul className="ml-5 grid list-disc gap-1.5 text-muted-foreground">
        <li>
          <strong>1 credit = 1 successful request</strong>, whatever its length (the per-model cost is in the
          models table).
        </li>
        <li>Credits are reserved when a request starts and refunded in full if it fails.</li>
        <li>
          Never charged: 4xx errors, 5xx errors, 429 rate limits and timeouts — except a 502
          invalid_structured_output: the model answered, just not to your schema, so it is charged.
        </li>
        <li>
          <strong>Streams:</strong> a stream is charged once if the model produced any output (text, reasoning
          or a tool call), even if it is cut off afterwards or you disconnect; a stream that fails before any
          output is free. A request is never charged twice.
        </li>
        <li>
          Your balance can never go below zero; a request you cannot afford gets 403 insufficient_credits.
        </li>
        <li>
          New accounts get {SIGNUP_CREDITS} free credits that never expire. Spending uses the credits that
          expire soonest first.
        </li>
        <li>
          Invites: {INVITE_SIGNUP_REWARD} credits when someone registers with your code,{" "}
          {INVITE_PURCHASE_REWARD} when they first buy credits — see{" "}
          <Link href="/invite" className="font-medium text-foreground underline underline-offset-4">
            Invite
          </Link>
          .
        </li>
      </ul>
      <DataTable
        label="Credit packages"
        head={["Package", "Credits", "Price", "Per credit", "Validity"]}
        numeric={[1, 2, 3]}
        rows={[
          ...PACKAGES.map((p) => [
            p.name,
            formatNumber(p.credits),
            formatCents(p.priceCents),
            `$${(p.priceCents / 100 / p.credits).toFixed(4)}`,
            p.validityMonths === null
              ? "No expiry"
              : `${p.validityMonths} month${p.validityMonths > 1 ? "s" : ""}`,
          ]),
          ["Enterprise", "Custom", "Contact us", "Custom", "Custom"],
        ]}
      />
      <Prose>
        Buy credits on the{" "}
        <Link href="/pricing" className="font-medium text-foreground underline underline-offset-4">
          pricing page
        </Link>
        ; follow your usage on{" "}
        <Link href="/my-credits" className="font-medium text-foreground underline underline-offset-4">
          Credits
        </Link>
        , in the <C>X-Credits-Remaining</C> header, or with <C>GET /api/user/credits</C>.
      </Prose>
    </>
  );
}
