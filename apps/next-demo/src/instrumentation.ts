// Next.js calls register() once when a server process starts: the place for work that runs
// beside requests: here the demo's runtime, whose AuthKit runs maintenance (keep-alive, warm tokens).
export async function register(): Promise<void> {
  // Only in the Node.js server, never in the edge runtime, and not while `next build` runs.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startRuntime } = await import('./lib/runtime');
  await startRuntime();
}
