// Copy-paste examples for this deployment. `origin` is the deployment's own origin, so the code
// runs as shown once YOUR_API_KEY (or $KIMI_API_KEY) is a real key.

export interface CodeExample {
  id: string;
  label: string;
  language: string;
  code: string;
}

export function openAIBaseUrl(origin: string): string {
  return `${origin}/api/v1`;
}

/** Anthropic SDKs append /v1/messages themselves. */
export function anthropicBaseUrl(origin: string): string {
  return `${origin}/api`;
}

export function quickstartExamples(origin: string, model = "kimi-k2-0905"): CodeExample[] {
  return [
    {
      id: "python",
      label: "Python",
      language: "python",
      code: `from openai import OpenAI

client = OpenAI(
    api_key="YOUR_API_KEY",
    base_url="${openAIBaseUrl(origin)}",
)

response = client.chat.completions.create(
    model="${model}",
    messages=[{"role": "user", "content": "Write a haiku about the sea."}],
)
print(response.choices[0].message.content)`,
    },
    {
      id: "node",
      label: "Node.js",
      language: "javascript",
      code: `import OpenAI from "openai";

const client = new OpenAI({
  apiKey: process.env.KIMI_API_KEY,
  baseURL: "${openAIBaseUrl(origin)}",
});

const response = await client.chat.completions.create({
  model: "${model}",
  messages: [{ role: "user", content: "Write a haiku about the sea." }],
});
console.log(response.choices[0].message.content);`,
    },
    {
      id: "curl",
      label: "curl",
      language: "bash",
      code: `curl ${openAIBaseUrl(origin)}/chat/completions \\
  -H "Authorization: Bearer $KIMI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${model}",
    "messages": [{"role": "user", "content": "Write a haiku about the sea."}]
  }'`,
    },
  ];
}

export function sdkExamples(origin: string): {
  openai: CodeExample[];
  anthropic: CodeExample[];
  streaming: CodeExample[];
} {
  const oa = openAIBaseUrl(origin);
  const an = anthropicBaseUrl(origin);
  return {
    openai: [
      {
        id: "curl",
        label: "curl",
        language: "bash",
        code: `curl ${oa}/chat/completions \\
  -H "Authorization: Bearer $KIMI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "kimi-k2-0905",
    "messages": [
      {"role": "system", "content": "You are a helpful assistant."},
      {"role": "user", "content": "Explain quantum computing in two sentences."}
    ],
    "temperature": 0.6,
    "max_tokens": 512
  }'`,
      },
      {
        id: "python",
        label: "Python",
        language: "python",
        code: `# pip install openai
from openai import OpenAI

client = OpenAI(api_key="YOUR_API_KEY", base_url="${oa}")

for model in client.models.list().data:
    print(model.id)

response = client.chat.completions.create(
    model="kimi-k2-0905",
    messages=[
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Explain quantum computing in two sentences."},
    ],
    temperature=0.6,
    max_tokens=512,
)
print(response.choices[0].message.content)`,
      },
      {
        id: "node",
        label: "Node.js",
        language: "javascript",
        code: `// npm install openai
import OpenAI from "openai";

const client = new OpenAI({ apiKey: process.env.KIMI_API_KEY, baseURL: "${oa}" });

const response = await client.chat.completions.create({
  model: "kimi-k2-0905",
  messages: [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "Explain quantum computing in two sentences." },
  ],
  temperature: 0.6,
  max_tokens: 512,
});
console.log(response.choices[0].message.content);`,
      },
    ],
    anthropic: [
      {
        id: "curl",
        label: "curl",
        language: "bash",
        code: `curl ${oa}/messages \\
  -H "X-API-Key: $KIMI_API_KEY" \\
  -H "anthropic-version: 2023-06-01" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "kimi-k2-0905",
    "max_tokens": 1024,
    "system": "You are a knowledgeable geography assistant.",
    "messages": [{"role": "user", "content": "What is the capital of France?"}]
  }'`,
      },
      {
        id: "python",
        label: "Python",
        language: "python",
        code: `# pip install anthropic
from anthropic import Anthropic

client = Anthropic(api_key="YOUR_API_KEY", base_url="${an}")

message = client.messages.create(
    model="kimi-k2-0905",
    max_tokens=1024,
    system="You are a knowledgeable geography assistant.",
    messages=[{"role": "user", "content": "What is the capital of France?"}],
)
print(message.content[0].text)`,
      },
      {
        id: "node",
        label: "Node.js",
        language: "javascript",
        code: `// npm install @anthropic-ai/sdk
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({ apiKey: process.env.KIMI_API_KEY, baseURL: "${an}" });

const message = await client.messages.create({
  model: "kimi-k2-0905",
  max_tokens: 1024,
  system: "You are a knowledgeable geography assistant.",
  messages: [{ role: "user", content: "What is the capital of France?" }],
});
console.log(message.content[0].type === "text" ? message.content[0].text : message.content);`,
      },
    ],
    streaming: [
      {
        id: "curl",
        label: "curl",
        language: "bash",
        code: `curl -N ${oa}/chat/completions \\
  -H "Authorization: Bearer $KIMI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "kimi-k2-thinking",
    "stream": true,
    "stream_options": {"include_usage": true},
    "messages": [{"role": "user", "content": "Is 1,001 a prime number?"}]
  }'`,
      },
      {
        id: "python",
        label: "Python",
        language: "python",
        code: `from openai import OpenAI

client = OpenAI(api_key="YOUR_API_KEY", base_url="${oa}")

stream = client.chat.completions.create(
    model="kimi-k2-thinking",
    messages=[{"role": "user", "content": "Is 1,001 a prime number?"}],
    stream=True,
)
for chunk in stream:
    if not chunk.choices:
        continue
    delta = chunk.choices[0].delta
    reasoning = getattr(delta, "reasoning_content", None)  # thinking models only
    if reasoning:
        print(reasoning, end="", flush=True)
    if delta.content:
        print(delta.content, end="", flush=True)`,
      },
      {
        id: "node",
        label: "Node.js",
        language: "javascript",
        code: `import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({ apiKey: process.env.KIMI_API_KEY, baseURL: "${an}" });

const stream = client.messages.stream({
  model: "kimi-k2-0905",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Tell me a short story." }],
});
stream.on("text", (text) => process.stdout.write(text));
await stream.finalMessage();`,
      },
    ],
  };
}
