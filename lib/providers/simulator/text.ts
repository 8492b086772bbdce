// Deterministic text: token estimates and seeded replies, so the same request gives the same text.

// CJK text runs at about one token per character, Latin text at about four characters per token.
const WIDE_CHAR = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const charCost = (char: string) => (WIDE_CHAR.test(char) ? 1 : 0.25);

/**
 * The simulated upstream's own tokenizer (what it reports as usage), not the gateway's estimate
 * (lib/tokens.ts): like a real one it counts CJK text differently from Latin text.
 */
export function estimateTokens(text: string): number {
  let cost = 0;
  for (const char of text) cost += charCost(char);
  return Math.ceil(cost);
}

/** The longest prefix whose estimate fits in `limit` tokens. */
export function truncateToTokens(text: string, limit: number): string {
  let cost = 0;
  let end = 0;
  for (const char of text) {
    cost += charCost(char);
    if (Math.ceil(cost) > limit) break;
    end += char.length;
  }
  return text.slice(0, end);
}

export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG, so replies depend only on the request. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Vocabulary = readonly [string, ...string[]];

export function pickSome(rng: () => number, items: Vocabulary, count: number): string[] {
  const pool = [...items];
  const picked: string[] = [];
  while (picked.length < count && pool.length > 0) {
    const [item] = pool.splice(Math.floor(rng() * pool.length), 1);
    if (item !== undefined) picked.push(item);
  }
  return picked;
}

export const between = (rng: () => number, min: number, max: number) =>
  min + Math.floor(rng() * (max - min + 1));

const SENTENCES: Vocabulary = [
  "A good first step is to state the goal in one sentence and check every later step against it.",
  "Streaming the answer piece by piece keeps an interface responsive even when the full reply takes a while.",
  "It usually pays to measure before optimising, because the slow part is rarely where you expect it.",
  "Small, well-named functions make the intent obvious and keep each change easy to review.",
  "When in doubt, prefer the simpler design and leave room to grow once real usage tells you more.",
  "Caching the result of an expensive step is often the cheapest speed-up available.",
  "Errors are easier to handle when they carry a clear code and a message a person can act on.",
  "Think about the edge cases early: empty input, very large input and input that arrives slowly.",
  "A short example is often worth more than a long explanation.",
  "Clear boundaries between modules make it possible to test each part on its own.",
  "Retries help with transient failures, but only when the operation is safe to repeat.",
  "Writing the test first turns a vague requirement into something you can check.",
  "Rate limits protect a shared service, so well-behaved clients back off when they see a 429.",
  "Good defaults matter more than many options, because most people never change them.",
  "Logs are most useful when each line says who did what and how long it took.",
  "A long context window lets the model read a whole document before answering questions about it.",
  "Breaking a large task into smaller steps makes progress visible and mistakes cheaper.",
  "Naming things well is half of the documentation a project will ever need.",
  "Trade-offs are easier to discuss once the constraints are written down.",
  "Keeping state in one place avoids a whole class of synchronisation bugs.",
];

const BULLETS: Vocabulary = [
  "keep the interface small",
  "validate input at the boundary",
  "make failures visible",
  "prefer plain data over clever abstractions",
  "write down the assumptions",
  "measure the result",
  "automate the boring parts",
  "test the unhappy paths too",
];

export const THOUGHTS: Vocabulary = [
  "The user wants something concrete here, so I should work out what they actually need first.",
  "I should keep the answer short and practical, with one example if it helps.",
  "Let me restate the question to myself, then give the key points in order.",
  "There may be an edge case worth mentioning, so I will check the assumptions.",
  "A short list will make the main points easier to scan.",
  "Before answering, let me double-check that the reply is consistent with the question.",
];

const CODE_SNIPPETS = {
  typescript:
    "export function chunk<T>(items: T[], size: number): T[][] {\n  const out: T[][] = [];\n  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));\n  return out;\n}",
  python: "def chunk(items, size):\n    return [items[i:i + size] for i in range(0, len(items), size)]",
  bash: 'curl -s https://api.example.com/v1/models \\\n  -H "Authorization: Bearer $API_KEY"',
} as const;

const MENTIONS_CODE =
  /\b(code|coding|function|class|script|program|snippet|implement\w*|typescript|javascript|python|bash|shell|curl|sql|regex|bug)\b/i;

function codeLanguage(prompt: string): keyof typeof CODE_SNIPPETS {
  if (/\bpython\b/i.test(prompt)) return "python";
  if (/\b(bash|shell|curl)\b/i.test(prompt)) return "bash";
  return "typescript";
}

/** The longest word of the prompt, so the reply visibly relates to it. */
function topicOf(prompt: string): string | undefined {
  const words = prompt.match(/\p{L}[\p{L}\p{N}-]{3,}/gu) ?? [];
  return words.reduce<string | undefined>(
    (best, word) => (!best || word.length > best.length ? word : best),
    undefined,
  );
}

export function composeText(rng: () => number, prompt: string, lead?: string): string {
  const topic = topicOf(prompt);
  const opening = lead ?? (topic ? `You asked about **${topic}**.` : "Here is a short answer.");
  const parts = [`${opening} ${pickSome(rng, SENTENCES, between(rng, 2, 3)).join(" ")}`];
  if (rng() < 0.5) {
    parts.push(
      `Key points:\n\n${pickSome(rng, BULLETS, 3)
        .map((item) => `- ${item}`)
        .join("\n")}`,
    );
  }
  if (MENTIONS_CODE.test(prompt)) {
    const language = codeLanguage(prompt);
    parts.push(`For example:\n\n\`\`\`${language}\n${CODE_SNIPPETS[language]}\n\`\`\``);
  }
  if (rng() < 0.5) parts.push(pickSome(rng, SENTENCES, 1).join(""));
  return parts.join("\n\n");
}

export function composeJson(rng: () => number, prompt: string, lead?: string): string {
  const [answer, ...points] = pickSome(rng, SENTENCES, 3);
  return JSON.stringify({
    topic: topicOf(prompt) ?? "general",
    answer: lead ? `${lead} ${answer}` : answer,
    points,
    confidence: Math.round((0.6 + rng() * 0.39) * 100) / 100,
  });
}
