import type { MetadataRoute } from "next";

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Kimi Playground",
    short_name: "Kimi",
    description: "Kimi K2 behind the OpenAI and Anthropic SDKs you already use, and a playground to try it.",
    start_url: "/playground",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#111113",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon.png", sizes: "180x180", type: "image/png" },
    ],
  };
}
