// A fresh app's defaults. `next build` skips its own TypeScript pass only because the consumer
// test type-checks this app itself, more strictly, under node16, nodenext and bundler.
export default { typescript: { ignoreBuildErrors: true } };
