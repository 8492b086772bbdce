import type { CSSProperties } from "react";
import type { HighlighterCore } from "shiki/core";

// One lazily created shiki highlighter (JavaScript regex engine: no wasm) with a fixed set of
// languages, loaded on first use. Unknown languages render as plain text.

const LANGUAGES = {
  bash: () => import("shiki/langs/bash.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  typescript: () => import("shiki/langs/typescript.mjs"),
  javascript: () => import("shiki/langs/javascript.mjs"),
  tsx: () => import("shiki/langs/tsx.mjs"),
  json: () => import("shiki/langs/json.mjs"),
  html: () => import("shiki/langs/html.mjs"),
  css: () => import("shiki/langs/css.mjs"),
  sql: () => import("shiki/langs/sql.mjs"),
  go: () => import("shiki/langs/go.mjs"),
  rust: () => import("shiki/langs/rust.mjs"),
  java: () => import("shiki/langs/java.mjs"),
  c: () => import("shiki/langs/c.mjs"),
  cpp: () => import("shiki/langs/cpp.mjs"),
  yaml: () => import("shiki/langs/yaml.mjs"),
  markdown: () => import("shiki/langs/markdown.mjs"),
  diff: () => import("shiki/langs/diff.mjs"),
} as const;

type Language = keyof typeof LANGUAGES;

const ALIASES: Record<string, Language> = {
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  curl: "bash",
  console: "bash",
  py: "python",
  ts: "typescript",
  js: "javascript",
  node: "javascript",
  jsx: "tsx",
  mjs: "javascript",
  yml: "yaml",
  md: "markdown",
  "c++": "cpp",
  golang: "go",
  rs: "rust",
};

export interface HighlightedToken {
  content: string;
  style: CSSProperties;
}
export type HighlightedLine = HighlightedToken[];

let highlighter: Promise<HighlighterCore> | undefined;
const loaded = new Map<Language, Promise<void>>();

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import("shiki/core"),
      import("shiki/engine/javascript"),
    ]);
    return createHighlighterCore({
      themes: [
        import("shiki/themes/github-light-high-contrast.mjs"),
        import("shiki/themes/github-dark-default.mjs"),
      ],
      langs: [],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

export function resolveLanguage(language: string): Language | null {
  const key = language.trim().toLowerCase();
  if (key in LANGUAGES) return key as Language;
  return ALIASES[key] ?? null;
}

/** Tokens per line with inline light colours and a `--shiki-dark` variable; null for plain text. */
export async function highlightCode(code: string, language: string): Promise<HighlightedLine[] | null> {
  const lang = resolveLanguage(language);
  if (!lang) return null;
  const h = await getHighlighter();
  let ready = loaded.get(lang);
  if (!ready) {
    ready = LANGUAGES[lang]().then((mod) => h.loadLanguage(mod.default));
    loaded.set(lang, ready);
  }
  await ready;
  const { tokens } = h.codeToTokens(code, {
    lang,
    themes: { light: "github-light-high-contrast", dark: "github-dark-default" },
    defaultColor: "light",
  });
  return tokens.map((line) =>
    line.map((token) => ({ content: token.content, style: (token.htmlStyle ?? {}) as CSSProperties })),
  );
}
