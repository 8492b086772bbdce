"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import * as React from "react";
import { Toaster } from "sonner";
import { z } from "zod";
import { TooltipProvider } from "@/components/ui/tooltip";

// zod probes whether it may compile validators with Function(), which the CSP refuses (and
// reports as a violation); in the browser it validates without compiling.
if (typeof window !== "undefined") z.config({ jitless: true });

export function Providers({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  const [queryClient] = React.useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true } },
      }),
  );
  return (
    <ThemeProvider
      nonce={nonce}
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
    >
      <QueryClientProvider client={queryClient}>
        <TooltipProvider delayDuration={300}>
          {children}
          <Toaster richColors closeButton position="bottom-right" toastOptions={{ className: "font-sans" }} />
        </TooltipProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
