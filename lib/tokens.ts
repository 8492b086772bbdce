// The one token estimate, for counts an upstream did not report and for count_tokens: about four
// characters per token (rounded up), plus a fixed cost per message and per image. It is a rule of
// thumb, not the upstream tokenizer; the API documents it as such.

export const CHARS_PER_TOKEN = 4;
export const TOKENS_PER_MESSAGE = 4;
export const TOKENS_PER_IMAGE = 1000;

/** Tokens for `chars` characters of text. */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Tokens for a piece of text. */
export function estimateTokens(text: string): number {
  return tokensForChars(text.length);
}
