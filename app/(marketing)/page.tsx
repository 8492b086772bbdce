export default function HomePage() {
  return <main className="p-8"><h1 className="text-2xl font-semibold">Kimi Playground</h1></main>;
}
