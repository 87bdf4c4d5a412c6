import { startDemo } from './start';
import { readConfig } from './config';
import { printSpansOnConsole } from './console-spans';

if (process.env.AUTHKIT_OTEL_CONSOLE === '1') await printSpansOnConsole();

const demo = await startDemo(readConfig());
console.log(`express-demo listening on ${demo.appUrl} (sandbox ${demo.sandboxUrl})`);

const stop = (): void => {
  void demo.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
