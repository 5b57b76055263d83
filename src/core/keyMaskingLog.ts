import { scrubKeys } from './scrubKeys';

/** The writing methods of a log channel (VS Code's LogOutputChannel and OutputChannel have these). */
const writers = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function masked(value: unknown, knownSecrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubKeys(value, knownSecrets);
  if (value instanceof Error) return scrubKeys(value.stack ?? `${value.name}: ${value.message}`, knownSecrets);
  return value;
}

/**
 * The same log, with everything written to it passed through `scrubKeys`: a key that slips into a line
 * (a server error echoing it, a commit subject, an exception's message) is masked before it is written,
 * whichever feature logged it. `knownSecrets` adds the stored keys, so a gateway key of another shape
 * that a server echoes is masked too.
 */
export function keyMaskingLog<T extends object>(log: T, knownSecrets: () => readonly string[] = () => []): T {
  return new Proxy(log, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && writers.has(property)) return (...args: unknown[]) => method.apply(target, args.map((arg) => masked(arg, knownSecrets())));
      return method.bind(target);
    },
  });
}
