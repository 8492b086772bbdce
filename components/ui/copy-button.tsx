"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import * as React from "react";
import { toast } from "sonner";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";

/** Copies text to the clipboard; works on plain-http deployments too (textarea fallback). */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

export function CopyButton({
  value,
  label = "Copy",
  toastMessage = "Copied to clipboard",
  showText = false,
  variant = "ghost",
  size,
  className,
  disabled,
}: {
  value: string;
  disabled?: boolean;
  /** Accessible name (and visible text with `showText`). */
  label?: string;
  toastMessage?: string | null;
  showText?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}) {
  const [copied, setCopied] = React.useState(false);

  React.useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1800);
    return () => clearTimeout(timer);
  }, [copied]);

  async function onClick() {
    try {
      await copyText(value);
      setCopied(true);
      if (toastMessage) toast.success(toastMessage);
    } catch {
      toast.error("Could not copy. Select the text and copy it manually.");
    }
  }

  const Icon = copied ? CheckIcon : CopyIcon;
  return (
    <Button
      variant={variant}
      size={size ?? (showText ? "sm" : "icon-sm")}
      className={className}
      onClick={onClick}
      disabled={disabled || !value}
      aria-label={showText ? undefined : label}
    >
      <Icon aria-hidden="true" className={copied ? "text-success" : undefined} />
      {showText ? <span>{copied ? "Copied" : label}</span> : null}
    </Button>
  );
}
