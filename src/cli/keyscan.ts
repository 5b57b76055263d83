// claude-keyscan: the command-line face of the key scanner, for pre-commit hooks and CI.
import { version } from '../../package.json';
import { parseArgs, usage, UsageError } from './args';
import { formatJson, formatSarif, formatText } from './report';
import { scanFiles } from './scanFiles';
import { runAsScanWorker } from '../core/keyscan/scanPool';
import { errorMessage } from '../core/errorMessage';

async function main(argv: string[]): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      process.stdout.write(usage + '\n');
      return 0;
    }
    if (options.version) {
      process.stdout.write(`${version}\n`);
      return 0;
    }
    const findings = await scanFiles(options, process.cwd(), __filename);
    const output =
      options.format === 'json' ? formatJson(findings) : options.format === 'sarif' ? formatSarif(findings, version) : formatText(findings);
    process.stdout.write(output);
    return findings.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`claude-keyscan: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    // Failing to scan must never look like "no keys": exit non-zero.
    process.stderr.write(`claude-keyscan: ${errorMessage(error)}\n`);
    return 2;
  }
}

if (!runAsScanWorker()) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
