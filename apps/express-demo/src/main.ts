import { startDemo } from './start';
import { readConfig } from './config';

const demo = await startDemo(readConfig());
console.log(`express-demo listening on ${demo.appUrl} (sandbox ${demo.sandboxUrl})`);

const stop = (): void => {
  void demo.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
