import { type OwnServer, ownPort, startOwnServer } from "../own-server";
import { WEBHOOK_SECRET } from "./billing-helpers";
import { type FakeStripe, startFakeStripe } from "./fake-stripe";

// A production server in payment mode "stripe" (both Stripe variables, no test mode) whose Stripe
// API is the fake one, for the specs that go through real Checkout and signed webhooks.
// `portOffset` keeps each spec file's server apart (files run side by side).

export const STRIPE_SECRET_KEY = "sk_test_e2e_fake_stripe";

export interface StripeModeServer {
  url: string;
  fake: FakeStripe;
  server: OwnServer;
  stop(): Promise<void>;
}

export async function startStripeModeServer(portOffset: number): Promise<StripeModeServer> {
  const fake = await startFakeStripe();
  try {
    const server = await startOwnServer(ownPort(portOffset), {
      PAYMENTS_TEST_MODE: undefined,
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.base,
    });
    return {
      url: server.url,
      fake,
      server,
      stop: async () => {
        await server.stop();
        await fake.close();
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}
