// Runs the fake Anthropic API on its own, for trying the extension by hand without a key or network:
//   npx tsx test/server/serve.ts [--port 8787] [--key KEY]... [--delay MS] [--chunk N]
// then set `claudeApi.baseUrl` to the printed URL (and any key, or one of the --key values).
import { startFakeAnthropic } from './fakeAnthropic';

function parse(argv: string[]): { port: number; keys: string[]; delayMs: number; chunkSize: number } {
  const options = { port: 8787, keys: [] as string[], delayMs: 15, chunkSize: 8 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const number = Number(value);
    switch (argv[i]) {
      case '--port':
      case '--delay':
      case '--chunk':
        if (!Number.isInteger(number) || number < 0) throw new Error(`${argv[i]} needs a whole number, got ${value}`);
        if (argv[i] === '--port') options.port = number;
        else if (argv[i] === '--delay') options.delayMs = number;
        else options.chunkSize = Math.max(1, number);
        i++;
        break;
      case '--key':
        if (!value) throw new Error('--key needs a value');
        options.keys.push(value);
        i++;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}; use --port N, --key KEY, --delay MS, --chunk N`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const { port, keys, delayMs, chunkSize } = parse(process.argv.slice(2));
  const server = await startFakeAnthropic({
    port,
    validKeys: keys.length > 0 ? keys : undefined,
    defaultReply: { delayMs, chunkSize },
  });
  console.log(`fake Anthropic API listening on ${server.url}`);
  console.log(`set "claudeApi.baseUrl": "${server.url}"; ${keys.length > 0 ? `${keys.length} key(s) accepted` : 'any key is accepted'}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
