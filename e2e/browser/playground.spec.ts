import { execFileSync } from "node:child_process";
import { API_BASE, createAccount, creditState, expect, requestLogs, signIn, test } from "../fixtures";
import {
  chooseModel,
  messageBox,
  replies,
  replyText,
  send,
  shellBalance,
  waitForReplyDone,
} from "./playground-helpers";

// The playground end to end in Chromium, against the simulator upstreams (15 ms per chunk).

test.use({ accountOptions: { credits: 10 } });

test("a reply streams in visibly, shows its stats, and the shell's balance drops by its cost", async ({
  signedInPage: page,
  account,
}) => {
  await expect.poll(() => shellBalance(page)).toBe(10);

  // A slower stream (60 ms a chunk) so that a loaded CI machine still sees it grow.
  await send(page, "[[sim:slow=60]] Tell me about interfaces");
  const reply = replies(page).first();
  // The text grows across several observations: it is rendered as it arrives, not at the end.
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        const text = await replyText(reply).innerText();
        // Before the first token the reply holds a "Waiting for the first token" placeholder: not
        // reply text. Seen again once text has arrived, it is a regression (-1 fails the order check).
        if (text.includes("Waiting for the first token")) {
          if (seen.length > 0) seen.push(-1);
          return seen.length;
        }
        if (text.length > 0 && text.length !== seen.at(-1)) seen.push(text.length);
        return seen.length;
      },
      { intervals: [25], timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(4);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  await expect(reply).toHaveAttribute("data-streaming", "true");

  await waitForReplyDone(reply);
  await expect(replyText(reply)).toContainText("You asked about interfaces");
  const stats = reply.getByRole("definition");
  await expect(stats.filter({ hasText: / in$/ })).toBeVisible();
  await expect(stats.filter({ hasText: / out$/ })).toBeVisible();
  await expect(stats.filter({ hasText: /^TTFT \d/ })).toBeVisible();
  await expect(stats.filter({ hasText: /tok\/s$/ })).toBeVisible();
  await expect(stats.filter({ hasText: /^1 credit$/ })).toBeVisible();
  await expect(messageBox(page)).toHaveValue("");

  await send(page, "And about batching?");
  await waitForReplyDone(replies(page).nth(1));
  await expect.poll(() => shellBalance(page)).toBe(8);
  expect((await creditState(account.id)).balance).toBe(8);
  // Request logs are written in batches, off the request's path.
  await expect
    .poll(async () => (await requestLogs(account.id)).map((l) => [l.source, l.apiKeyId, l.status, l.credits]))
    .toEqual([
      ["playground", null, 200, 1],
      ["playground", null, 200, 1],
    ]);
});

test("Stop ends a reply early, keeps what arrived, and aborts the upstream request", async ({
  signedInPage: page,
  request,
  account,
}) => {
  const prompt = "[[sim:slow=80]] Write a long story about lighthouses";
  await send(page, prompt);
  const reply = replies(page).first();
  // Real output, not the placeholder's "Waiting for the first token" (a Stop before the first
  // token is refunded, which is another test's case).
  await expect
    .poll(
      async () =>
        (await replyText(reply).innerText()).replace("Waiting for the first token", "").trim().length,
    )
    .toBeGreaterThan(20);
  await page.getByRole("button", { name: "Stop" }).click();

  await expect(reply.getByText("Stopped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  const stopped = await replyText(reply).innerText();
  // Charged once: the upstream had produced output (the policy on /docs).
  await expect.poll(() => shellBalance(page)).toBe(9);

  // The same prompt unstopped (the simulator is deterministic) is longer and starts the same way.
  const full = await request.post(`${API_BASE}/chat/completions`, {
    headers: { Authorization: `Bearer ${account.key}` },
    data: {
      model: "kimi-k2-0905",
      messages: [{ role: "user", content: prompt.replace("[[sim:slow=80]] ", "") }],
    },
  });
  const fullText: string = (await full.json()).choices[0].message.content;
  expect(stopped.length).toBeLessThan(fullText.replace(/\*\*/g, "").length);
  expect(fullText.replace(/\*\*/g, "")).toContain(stopped.slice(0, 20));

  // The server saw the client go away: logged as closed by the client, charged once (output was produced).
  await expect
    .poll(async () =>
      (await requestLogs(account.id))
        .filter((l) => l.source === "playground")
        .map((l) => [l.status, l.errorCode, l.credits]),
    )
    .toEqual([[499, "client_closed", 1]]);
});

test("a thinking model streams its reasoning in a collapsible Thinking panel", async ({
  signedInPage: page,
}) => {
  await chooseModel(page, "Kimi K2 Thinking");
  await expect(page.getByRole("combobox", { name: "Model" })).toContainText("Kimi K2 Thinking");
  // Served by kimi-k2.6: thinking on, temperature fixed at 1.0 (shown, not offered), no Top K.
  await expect(page.getByRole("switch", { name: "Thinking" })).toBeChecked();
  await expect(page.getByText("Temperature is fixed at 1 by this model.")).toBeVisible();
  await expect(page.getByRole("slider", { name: "Top K" })).toHaveCount(0);

  // Every rendered state of the reply is recorded in the page (a MutationObserver sees each
  // commit), so the check does not depend on how fast this machine's polling is.
  await page.evaluate(() => {
    const log: Array<{ expanded: string | null; reasoning: number; answer: number }> = [];
    Object.assign(window, { thinkingLog: log });
    new MutationObserver(() => {
      const article = document.querySelector('article[aria-label="Assistant reply"]');
      const button = article?.querySelector("button[aria-expanded]");
      if (!article || !button) return;
      const panel = document.getElementById(button.getAttribute("aria-controls") ?? "");
      const answer = article.querySelector(".prose-chat")?.textContent?.length ?? 0;
      log.push({
        expanded: button.getAttribute("aria-expanded"),
        reasoning: panel?.textContent?.length ?? 0,
        answer,
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // Chunks 150 ms apart: a loaded CI machine (two browsers, the app, two simulators on two cores)
  // still paints between them, so each reasoning step is a separate rendered state.
  await send(page, "[[sim:slow=150]] Why is the sky blue?");
  const reply = replies(page).first();
  const thinking = reply.getByRole("button", { name: /Thinking/ });
  await expect(thinking).toBeVisible();
  const panel = reply.locator(`[id="${await thinking.getAttribute("aria-controls")}"]`);
  await waitForReplyDone(reply);
  // While only reasoning had arrived, the panel was open and its text grew, before any answer text.
  const log = await page.evaluate(
    () =>
      (
        window as unknown as {
          thinkingLog: Array<{ expanded: string | null; reasoning: number; answer: number }>;
        }
      ).thinkingLog,
  );
  const whileThinking = log.filter((e) => e.answer === 0);
  expect(whileThinking.every((e) => e.expanded === "true")).toBe(true);
  expect(new Set(whileThinking.map((e) => e.reasoning)).size).toBeGreaterThanOrEqual(3);
  // Once the answer is written the reasoning folds away, one click from view.
  await expect(thinking).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
  await thinking.click();
  await expect(thinking).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
  expect((await panel.innerText()).length).toBeGreaterThan(20);
});

test("Regenerate replaces the last reply; editing a message resends from there", async ({
  signedInPage: page,
  account,
}) => {
  await send(page, "Tell me about pelicans");
  await waitForReplyDone(replies(page).first());

  await replies(page).first().getByRole("button", { name: "Regenerate" }).click();
  await expect(replies(page)).toHaveCount(1);
  await waitForReplyDone(replies(page).first());
  await expect(replyText(replies(page).first())).toContainText("pelicans");
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(2);

  await send(page, "What about herons?");
  await waitForReplyDone(replies(page).nth(1));
  await expect(replies(page)).toHaveCount(2);

  // Editing the first message drops everything after it and answers the new text.
  await page.getByRole("button", { name: "Edit message" }).first().click();
  await page.getByRole("textbox", { name: "Edit message" }).fill("Tell me about flamingos");
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(replies(page)).toHaveCount(1);
  await waitForReplyDone(replies(page).first());
  await expect(replyText(replies(page).first())).toContainText("flamingos");
  await expect(page.getByText("What about herons?")).toHaveCount(0);
  await expect.poll(() => shellBalance(page)).toBe(6);
});

test("a conversation is saved, named by its first message, and survives a reload with its settings", async ({
  signedInPage: page,
}) => {
  await chooseModel(page, "Kimi K2 Turbo");
  await page.getByRole("spinbutton", { name: "Max tokens" }).fill("777");
  await page.getByRole("spinbutton", { name: "Max tokens" }).press("Enter");
  await send(page, "Plan a trip to Lisbon");
  await waitForReplyDone(replies(page).first());
  await page.waitForURL(/\/playground\?c=/);
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  await expect(sidebar.getByRole("button", { name: "Plan a trip to Lisbon", exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByText("Plan a trip to Lisbon", { exact: true }).first()).toBeVisible();
  await expect(replyText(replies(page).first())).toContainText("Lisbon");
  await expect(
    replies(page)
      .first()
      .getByText(/^1 credit$/),
  ).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Model" })).toContainText("Kimi K2 Turbo");
  await expect(page.getByRole("spinbutton", { name: "Max tokens" })).toHaveValue("777");

  // New chat empties the thread; the saved one reopens from the sidebar.
  await page.getByRole("button", { name: "New chat" }).click();
  await expect(replies(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/playground$/);
  await sidebar.getByRole("button", { name: "Plan a trip to Lisbon", exact: true }).click();
  await expect(replies(page)).toHaveCount(1);

  // Rename, then delete.
  await sidebar.getByRole("button", { name: "Actions for Plan a trip to Lisbon" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  await page.getByRole("textbox", { name: "Title" }).fill("Lisbon trip");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(sidebar.getByRole("button", { name: "Lisbon trip", exact: true })).toBeVisible();
  await sidebar.getByRole("button", { name: "Actions for Lisbon trip" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(sidebar.getByRole("button", { name: "Lisbon trip", exact: true })).toHaveCount(0);
  await expect(replies(page)).toHaveCount(0);
});

test("View code shows the chosen model and parameters, and its curl runs against this deployment", async ({
  signedInPage: page,
  account,
}) => {
  await chooseModel(page, "Kimi K2 Turbo");
  const set = async (name: string, value: string) => {
    await page.getByRole("spinbutton", { name }).fill(value);
    await page.getByRole("spinbutton", { name }).press("Enter");
  };
  // Served by kimi-k2.6: temperature and penalties are fixed (left out); thinking is a switch,
  // off for this model as it was before.
  await set("Max tokens", "300");
  await expect(page.getByRole("switch", { name: "Thinking" })).not.toBeChecked();
  await page.getByRole("textbox", { name: "Stop sequences" }).fill("END");
  await page.getByRole("textbox", { name: "Stop sequences" }).press("Enter");
  await page.getByRole("textbox", { name: "System prompt" }).fill("You are terse.");
  await messageBox(page).fill("Say hi to the docs reader");

  await page.getByRole("button", { name: "View code" }).click();
  const dialog = page.getByRole("dialog", { name: "View code" });
  const code = dialog.getByRole("tabpanel").getByRole("tabpanel").locator("pre");
  await expect(code).toContainText('"model": "kimi-k2-turbo-preview"');
  const curl = await code.innerText();
  expect(curl).not.toContain('"temperature"');
  expect(curl).not.toContain('"presence_penalty"');
  for (const part of [
    '"max_tokens": 300',
    '"thinking": {',
    '"type": "disabled"',
    '"stop": [',
    '"You are terse."',
    "Say hi to the docs reader",
    "/api/v1/chat/completions",
  ]) {
    expect(curl).toContain(part);
  }

  await dialog.getByRole("tab", { name: "Python" }).click();
  await expect(code).toContainText("max_tokens=300,");
  await expect(code).toContainText('extra_body={"thinking": {"type": "disabled"}},');
  await expect(code).toContainText("base_url=");
  await dialog.getByRole("tab", { name: "Anthropic" }).click();
  await expect(code).toContainText("base_url=");
  await dialog.getByRole("tab", { name: "curl" }).click();
  await expect(code).toContainText("/api/v1/messages");
  await expect(code).toContainText('"stop_sequences": [');
  await expect(code).toContainText('"type": "disabled"');

  // The OpenAI curl, with a real key in place of the placeholder, answers from this deployment.
  const output = execFileSync("bash", ["-c", curl.replace("sk-kimi-YOUR_API_KEY", account.key)], {
    encoding: "utf8",
  });
  const completion = JSON.parse(output);
  expect(completion.model).toBe("kimi-k2-turbo-preview");
  expect(completion.choices[0].message.content.length).toBeGreaterThan(0);
  expect(completion.choices[0].message.reasoning_content).toBeUndefined();
});

test("compare mode streams two models side by side, each with its own stats", async ({
  signedInPage: page,
  account,
}) => {
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("button", { name: "Compare" })).toHaveAttribute("aria-pressed", "true");
  // The default, kimi-k2.6, thinks; kimi-k2-0905 (served by it with thinking off) does not.
  await chooseModel(page, "Kimi K2 0905", "Compare with");

  await send(page, "[[sim:slow=60]] Compare tabs and spaces");
  const thinks = page.getByRole("region", { name: /^Replies from Kimi K2\.6/ });
  const plain = page.getByRole("region", { name: /^Replies from Kimi K2 0905/ });
  // Both stream at the same time.
  await expect(replies(plain).first()).toHaveAttribute("data-streaming", "true");
  await expect(replies(thinks).first()).toHaveAttribute("data-streaming", "true");
  await waitForReplyDone(replies(plain).first());
  await waitForReplyDone(replies(thinks).first());
  await expect(
    replies(thinks)
      .first()
      .getByRole("button", { name: /Thinking/ }),
  ).toBeVisible();
  await expect(
    replies(plain)
      .first()
      .getByRole("button", { name: /Thinking/ }),
  ).toHaveCount(0);
  for (const side of [thinks, plain]) await expect(side.getByText(/^TTFT /)).toBeVisible();
  await expect.poll(() => shellBalance(page)).toBe(8);
  await expect
    .poll(async () => (await requestLogs(account.id)).map((l) => l.model).sort())
    .toEqual(["kimi-k2-0905", "kimi-k2.6"]);
});

const errorCases = [
  {
    name: "insufficient credits",
    credits: 0,
    prompt: "Hello with no credits",
    alert: /Insufficient credits/,
    link: { name: "Buy credits", href: "/pricing" },
  },
  {
    name: "upstream down",
    credits: 10,
    prompt: "[[sim:fail=503]] Hello while down",
    alert: /The model is unavailable/,
    link: null,
  },
] as const;

for (const c of errorCases) {
  test(`${c.name}: the error is shown and the draft stays in the box`, async ({ page }) => {
    const account = await createAccount({ credits: c.credits });
    await signIn(page, account, "/playground");
    await send(page, c.prompt);
    const alert = page.getByRole("alert").filter({ hasText: c.alert });
    await expect(alert).toBeVisible();
    await expect(messageBox(page)).toHaveValue(c.prompt);
    await expect(replies(page)).toHaveCount(0);
    if (c.link)
      await expect(alert.getByRole("link", { name: c.link.name })).toHaveAttribute("href", c.link.href);
    expect((await creditState(account.id)).balance).toBe(c.credits);
  });
}

test("rate limited: the error says when to retry and the draft stays", async ({ signedInPage: page }) => {
  // Use up this balance tier's 20 requests a minute (bad bodies count: the limit is checked first).
  const statuses = await page.evaluate(async () => {
    const out: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch("/api/playground/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      out.push(res.status);
    }
    return out;
  });
  expect(new Set(statuses)).toEqual(new Set([400]));
  await send(page, "One more, please");
  const alert = page.getByRole("alert").filter({ hasText: /Rate limit reached/ });
  await expect(alert).toContainText(/resets at \d{1,2}:\d{2}:\d{2}.* \(in \d+ s\)/);
  await expect(messageBox(page)).toHaveValue("One more, please");
});

test("on a 375px phone the settings open in a sheet and a reply still streams", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const account = await createAccount({ credits: 10 });
  await signIn(page, account, "/playground");
  await expect(page.getByRole("slider", { name: "Max tokens" })).toBeHidden();
  await page.getByRole("button", { name: "Settings" }).click();
  const sheet = page.getByRole("dialog", { name: "Settings" });
  await expect(sheet.getByRole("slider", { name: "Max tokens" })).toBeVisible();
  await sheet.getByRole("slider", { name: "Max tokens" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(sheet.getByRole("spinbutton", { name: "Max tokens" })).toHaveValue("4097");
  await page.keyboard.press("Escape");
  await send(page, "Hello from a phone");
  await waitForReplyDone(replies(page).first());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
