"use client";

import * as React from "react";

const QUERY = "(pointer: coarse)";

/** Whether the main pointer is a finger (a phone or tablet): Return then adds a line, and nothing grabs focus. */
export function useCoarsePointer(): boolean {
  return React.useSyncExternalStore(
    (notify) => {
      const media = window.matchMedia(QUERY);
      media.addEventListener("change", notify);
      return () => media.removeEventListener("change", notify);
    },
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}

export const isCoarsePointer = () => window.matchMedia(QUERY).matches;
