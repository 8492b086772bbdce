"use client";

import * as React from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "@/components/ui/code-block";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { splitMarkdownBlocks } from "@/lib/playground/markdown-blocks";
import { remarkImagesAsLinks } from "@/lib/playground/markdown-images";
import { cn } from "@/lib/utils";

// Replies as GitHub-flavoured Markdown. Finished blocks are memoised; only the block still
// streaming re-parses per frame, and its code renders as plain text until the block is complete
// (same font and size as the highlighted version, so nothing moves when the colours arrive).
// Images are shown as links, never loaded (lib/playground/markdown-images.ts).

const REMARK_PLUGINS = [remarkGfm, remarkImagesAsLinks];

function textOf(node: React.ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (React.isValidElement<{ children?: React.ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

function codeProps(children: React.ReactNode): { code: string; language: string } {
  const child = React.Children.toArray(children)[0];
  const className = React.isValidElement<{ className?: string }>(child) ? (child.props.className ?? "") : "";
  const language = /language-([\w+#.-]+)/.exec(className)?.[1] ?? "text";
  return { code: textOf(children).replace(/\n$/, ""), language };
}

const baseComponents: Components = {
  a: ({ node: _node, ...props }) => (
    <a
      {...props}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="text-brand underline underline-offset-2"
    />
  ),
  code: ({ node: _node, className, ...props }) => (
    <code className={cn("rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]", className)} {...props} />
  ),
  table: ({ node: _node, ...props }) => (
    <ScrollRegion label="Table" className="my-3">
      <table
        className="w-full border-collapse text-sm [&_td]:border [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:px-2 [&_th]:py-1 [&_th]:text-left"
        {...props}
      />
    </ScrollRegion>
  ),
};

const finishedComponents: Components = {
  ...baseComponents,
  pre: ({ children }) => {
    const { code, language } = codeProps(children);
    return (
      <CodeBlock
        code={code}
        language={language}
        title={language === "text" ? undefined : language}
        className="my-3"
      />
    );
  },
};

const streamingComponents: Components = {
  ...baseComponents,
  pre: ({ children }) => {
    const { code, language } = codeProps(children);
    return (
      <div className="my-3 overflow-hidden rounded-lg border bg-muted/40 text-sm">
        {language === "text" ? null : (
          <div className="flex h-10 items-center border-b bg-muted/60 pl-4">
            <span className="font-mono text-xs text-muted-foreground">{language}</span>
          </div>
        )}
        <ScrollRegion label={language === "text" ? "Code" : `Code: ${language}`}>
          <pre className="w-max min-w-full p-4 font-mono text-[13px] leading-relaxed wrap-normal">
            <code>{code}</code>
          </pre>
        </ScrollRegion>
      </div>
    );
  },
};

const Block = React.memo(function Block({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <ReactMarkdown
      remarkPlugins={REMARK_PLUGINS}
      components={streaming ? streamingComponents : finishedComponents}
    >
      {text}
    </ReactMarkdown>
  );
});

export function Markdown({
  text,
  streaming = false,
  className,
}: {
  text: string;
  streaming?: boolean;
  className?: string;
}) {
  const blocks = React.useMemo(() => splitMarkdownBlocks(text), [text]);
  return (
    <div
      className={cn(
        "prose-chat min-w-0 wrap-anywhere leading-relaxed",
        "[&_h1]:mt-4 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold",
        "[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-0.5",
        "[&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground [&_hr]:my-4",
        "[&>*:first-child>*:first-child]:mt-0",
        className,
      )}
    >
      {blocks.map((block, i) => (
        <Block key={i} text={block} streaming={streaming && i === blocks.length - 1} />
      ))}
    </div>
  );
}
